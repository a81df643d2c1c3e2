import stringWidth from 'string-width';

// Plain-text tables for the terminal: left-aligned text, right-aligned numbers.

/**
 * Columns of text for a terminal, numbers right-aligned. Widths are counted in terminal columns
 * (string-width), not UTF-16 units, so that a name in Chinese or with an emoji keeps the columns
 * after it in line.
 */
export function renderTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, column) => Math.max(stringWidth(header), ...cells.map((row) => stringWidth(row[column] ?? ''))));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const line = (row: string[]) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(Math.max(0, (widths[column] ?? 0) - stringWidth(cell)));
        return numeric[column] ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
