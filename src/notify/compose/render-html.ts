import { moreLine, type Action, type Block, type RecordRow, type Tone } from './blocks.js';

// The HTML part. What mail clients accept decides its shape:
// - Gmail (web and apps, Google accounts) and Outlook.com, Apple Mail, Thunderbird read a <style>
//   block in <head> with class and element selectors; Gmail clips a message past about 102 KB,
//   hiding its end. So the styles are written once, in <head>, never repeated per cell.
// - Outlook on Windows (Word's renderer) reads <style> but no media query, no max-width; the Gmail
//   apps showing a non-Google account drop <style> altogether. So nothing depends on CSS to fit a
//   phone: layout by tables, a width attribute for Word and max-width for the rest, and every list
//   of dashboards or people as two rows per item (the title across, short values under it), never
//   one wide row. The few styles that carry meaning (the action box, alert colours, the font of
//   the outer cell) are inline as well, so that the email still reads without its <style>.
// - No script, image, font or link to fetch: nothing a client blocks or a reader must allow.

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TONE_COLOUR: Record<Tone, string> = { alert: '#9b1c1c', ok: '#1e6b34', muted: '#5f6368' };

const STYLE = `body{margin:0;padding:0;background-color:#f1f3f4;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}
table{border-collapse:collapse}
td,th,p,li,h2,h3{${FONT}font-size:14px;line-height:20px;color:#202124}
.m{word-break:break-word;overflow-wrap:anywhere}
h2{font-size:18px;line-height:24px;margin:24px 0 8px 0}
h3{font-size:15px;margin:16px 0 6px 0}
p{margin:8px 0}
ul{margin:8px 0;padding-left:22px}
li{margin:2px 0}
.muted{color:#5f6368}
.cmd{font-family:Consolas,'Courier New',monospace;background-color:#ffffff;border:1px solid #dadce0;padding:6px 10px}
.rec{width:100%;margin:8px 0}
.rec th{font-size:12px;line-height:16px;color:#5f6368;text-align:left;font-weight:bold;padding:4px 8px 4px 0;border-bottom:2px solid #dadce0}
.rec .t{font-weight:bold;padding:8px 8px 0 0}
.rec .c td{padding:2px 8px 2px 0;color:#3c4043;vertical-align:top;word-break:normal;overflow-wrap:normal}
.rec .c .nt{word-break:break-word;overflow-wrap:anywhere}
.rec .e td{padding-bottom:8px;border-bottom:1px solid #e8eaed}`;

export function renderHtml(blocks: readonly Block[], title: string): string {
  return shell(blocks.map(renderBlock).join('\n'), title);
}

/** The page around the blocks; exported so that the size budget can measure it. */
export function shell(body: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body style="margin:0;padding:0;background-color:#f1f3f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f1f3f4;">
<tr><td align="center" style="padding:12px 6px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:680px;background-color:#ffffff;">
<tr><td class="m" style="padding:16px 16px 20px 16px;${FONT}font-size:14px;line-height:20px;color:#202124;word-break:break-word;overflow-wrap:anywhere;">
${body}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h2${toneStyle(block.tone)}>${escapeHtml(block.text)}</h2>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'paragraph':
      return `<p${toneStyle(block.tone)}>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map(listItem).join('')}</ul>${block.left && block.more ? moreHtml(block.left, block.more) : ''}`;
    case 'command':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0;"><tr><td class="cmd" style="font-family:Consolas,'Courier New',monospace;padding:6px 10px;border:1px solid #dadce0;">${escapeHtml(block.text)}</td></tr></table>`;
    case 'records':
      return `<table class="rec" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr>${block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>
${block.rows.map((row) => recordRow(block.columns.length, row)).join('\n')}
</table>${block.left ? moreHtml(block.left, block.more) : ''}`;
    case 'action':
      return actionBox(block.action);
  }
}

export function listItem(item: string): string {
  return `<li>${escapeHtml(item)}</li>`;
}

/** Two rows: the title across every column, the values under it; a third for a note. */
export function recordRow(columns: number, row: RecordRow): string {
  const cells = Array.from({ length: columns }, (_, i) => `<td>${escapeHtml(row.cells[i] ?? '')}</td>`).join('');
  const values = `<tr class="${row.note ? 'c' : 'c e'}">${cells}</tr>`;
  const note = row.note ? `\n<tr class="c e"><td colspan="${columns}" class="nt">${escapeHtml(row.note)}</td></tr>` : '';
  return `<tr><td colspan="${columns}" class="t">${escapeHtml(row.title)}</td></tr>\n${values}${note}`;
}

function moreHtml(left: number, more: Parameters<typeof moreLine>[1]): string {
  return `<p class="muted" style="color:${TONE_COLOUR.muted};">${escapeHtml(moreLine(left, more))}</p>`;
}

/** The box at the top: what happened, what to do, the command. Inline styles: it must stand out in every client. */
function actionBox(action: Action): string {
  const colour = action.tone === 'alert' ? TONE_COLOUR.alert : TONE_COLOUR.ok;
  const background = action.tone === 'alert' ? '#fdf2f2' : '#f1f8f3';
  const parts = [
    `<p style="margin:0 0 8px 0;"><b style="color:${colour};">${escapeHtml(action.summary)}</b>${action.detail ? ` ${escapeHtml(action.detail)}` : ''}</p>`,
    `<p style="margin:0 0 8px 0;"><b>${action.tone === 'alert' ? 'What to do' : 'Nothing to do'}:</b> ${escapeHtml(action.todo)}</p>`,
  ];
  if (action.command || action.link) {
    const command = action.command
      ? `<span class="cmd" style="font-family:Consolas,'Courier New',monospace;background-color:#ffffff;border:1px solid #dadce0;padding:4px 8px;">${escapeHtml(action.command)}</span>`
      : '';
    // A link is for the reader; the command is for whoever is on the server: the link first.
    const link = action.link
      ? `<a href="${escapeHtml(action.link.href)}" style="color:#1a56db;font-weight:bold;">${escapeHtml(action.link.label)}</a>${command ? ' &nbsp;or on the server:&nbsp; ' : ''}`
      : '';
    parts.push(`<p style="margin:4px 0 8px 0;line-height:28px;">${link}${command}</p>`);
  }
  if (action.otherwise) parts.push(`<p style="margin:0;">${escapeHtml(action.otherwise)}</p>`);
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;"><tr><td style="padding:12px 14px;background-color:${background};border-left:4px solid ${colour};">
${parts.join('\n')}
</td></tr></table>`;
}

function toneStyle(tone: Tone | undefined): string {
  return tone ? ` style="color:${TONE_COLOUR[tone]};"` : '';
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
