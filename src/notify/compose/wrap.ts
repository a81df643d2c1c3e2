// Plain text wrapped for mail: RFC 5322 asks for lines of at most 78 characters, and a phone's
// mail app shows a long line as one that runs off the screen or wraps mid-word.

export const TEXT_WIDTH = 78;

/**
 * `text` in lines of at most `width` characters, the first starting with `first` and the others
 * with `rest`. A word longer than the line (an id, an address) keeps a line of its own, unbroken.
 */
export function wrap(text: string, first = '', rest = first, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A line of a message that was indented (a list inside an error) keeps its indent.
    const indent = /^[ \t]*/.exec(paragraph)?.[0] ?? '';
    let line = (lines.length === 0 ? first : rest) + indent;
    let empty = true;
    for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== '')) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = rest + indent + word;
      } else {
        line = empty ? line + word : `${line} ${word}`;
      }
      empty = false;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
