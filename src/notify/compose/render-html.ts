import { isNumericColumn, type Block, type Tone } from './blocks.js';

// The HTML part, written for Outlook (Word's renderer) and Gmail alike: layout by tables,
// every style inline (Gmail drops <style> in many views, Outlook ignores most CSS), no
// images, fonts or links to fetch, widths in attributes as well as styles.

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TONE_COLOUR: Record<Tone, string> = { alert: '#9b1c1c', ok: '#1e6b34', muted: '#5f6368' };
const CELL = `${FONT}font-size:14px;line-height:20px;color:#202124;padding:6px 10px;border-bottom:1px solid #dadce0;vertical-align:top;text-align:left;`;

export function renderHtml(blocks: readonly Block[], title: string): string {
  const body = blocks.map(renderBlock).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f1f3f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background-color:#f1f3f4;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:680px;background-color:#ffffff;">
<tr><td style="padding:20px 24px;${FONT}font-size:14px;line-height:20px;color:#202124;">
${body}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h2 style="${FONT}font-size:18px;line-height:24px;margin:24px 0 8px 0;color:${block.tone ? TONE_COLOUR[block.tone] : '#202124'};">${escapeHtml(block.text)}</h2>`;
    case 'subheading':
      return `<h3 style="${FONT}font-size:15px;line-height:20px;margin:16px 0 6px 0;color:#202124;">${escapeHtml(block.text)}</h3>`;
    case 'paragraph':
      return `<p style="${FONT}font-size:14px;line-height:20px;margin:8px 0;color:${block.tone ? TONE_COLOUR[block.tone] : '#202124'};">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="${FONT}font-size:14px;line-height:20px;margin:8px 0;padding-left:22px;color:#202124;">${block.items.map((item) => `<li style="margin:2px 0;">${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'command':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:8px 0;"><tr><td style="font-family:Consolas,'Courier New',monospace;font-size:14px;line-height:20px;padding:8px 12px;background-color:#f1f3f4;border:1px solid #dadce0;color:#202124;">${escapeHtml(block.text)}</td></tr></table>`;
    case 'table':
      return renderTable(block.headers, block.rows);
  }
}

function renderTable(headers: string[], rows: Array<Array<string | number>>): string {
  const numeric = headers.map((_, column) => isNumericColumn(rows, column));
  const align = (column: number) => (numeric[column] ? 'text-align:right;' : '');
  const head = headers
    .map(
      (header, column) =>
        `<th style="${CELL}font-weight:bold;background-color:#f8f9fa;border-bottom:2px solid #dadce0;${align(column)}">${escapeHtml(header)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map(
            (cell, column) =>
              `<td style="${CELL}${align(column)}">${escapeHtml(typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  // A data table, so no role="presentation": screen readers announce its headers.
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;margin:8px 0;">
<tr>${head}</tr>
${body}
</table>`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
