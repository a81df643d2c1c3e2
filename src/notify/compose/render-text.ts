import { moreLine, type Action, type Block, type RecordRow } from './blocks.js';
import { TEXT_WIDTH, wrap } from './wrap.js';

// The plain-text part: what a phone's mail app or a text-only client shows. Every line is
// wrapped at 78 characters; a list of dashboards or people is one entry per item, its title
// on a line of its own and its values under it, never a table wider than the screen.

export function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) out.push('', ...textOf(block));
  return `${out.join('\n').trim()}\n`;
}

function textOf(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return [...wrap(block.text.toUpperCase()), '='.repeat(Math.min(block.text.length, TEXT_WIDTH))];
    case 'subheading':
      return [...wrap(block.text), '-'.repeat(Math.min(block.text.length, TEXT_WIDTH))];
    case 'paragraph':
      return wrap(block.text);
    case 'list':
      return [
        ...block.items.flatMap((item) => wrap(item, '  - ', '    ')),
        ...(block.left && block.more ? ['', ...wrap(moreLine(block.left, block.more))] : []),
      ];
    case 'records':
      return [
        ...block.rows.flatMap((row) => recordLines(block.columns, row)),
        ...(block.left ? ['', ...wrap(moreLine(block.left, block.more))] : []),
      ];
    case 'command':
      // Never wrapped: it is copied and pasted as it is.
      return [`    ${block.text}`];
    case 'action':
      return actionLines(block.action);
  }
}

function recordLines(columns: readonly string[], row: RecordRow): string[] {
  const values = row.cells
    .map((cell, i) => (cell === '' ? '' : `${columns[i] ?? ''}: ${cell}`))
    .filter((v) => v !== '')
    .join('; ');
  return [...wrap(row.title, '  - ', '    '), ...wrap(values, '    '), ...(row.note ? wrap(row.note, '    ') : [])];
}

function actionLines(action: Action): string[] {
  const lines = [
    ...wrap(action.detail ? `${action.summary} ${action.detail}` : action.summary),
    '',
    ...wrap(`${action.tone === 'alert' ? 'What to do' : 'Nothing to do'}: ${action.todo}`),
  ];
  // A link is for the reader; the command is for whoever is on the server: the link first.
  if (action.link) lines.push('', ...wrap(`${action.link.label}:`), action.link.href);
  if (action.command) lines.push('', ...(action.link ? ['Or on the server:'] : []), `    ${action.command}`);
  if (action.otherwise) lines.push('', ...wrap(action.otherwise));
  return lines;
}
