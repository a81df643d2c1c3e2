import { isNumericColumn, type Block } from './blocks.js';

// The plain-text part: what a phone's mail app or a text-only client shows.

export function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push('', block.text.toUpperCase(), '='.repeat(Math.min(block.text.length, 72)));
        break;
      case 'subheading':
        out.push('', block.text, '-'.repeat(Math.min(block.text.length, 72)));
        break;
      case 'paragraph':
        out.push('', block.text);
        break;
      case 'list':
        out.push('', ...block.items.map((item) => `  - ${item}`));
        break;
      case 'command':
        out.push('', `    ${block.text}`);
        break;
      case 'table':
        out.push('', ...textTable(block.headers, block.rows));
        break;
    }
  }
  return `${out.join('\n').trim()}\n`;
}

function textTable(headers: string[], rows: Array<Array<string | number>>): string[] {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)));
  const numeric = headers.map((_, column) => isNumericColumn(rows, column));
  const line = (row: string[]) =>
    `  ${row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd()}`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}
