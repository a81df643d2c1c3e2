import { MAX_ROWS, type Block } from './blocks.js';
import { listItem, recordRow, renderBlock, shell } from './render-html.js';

// Gmail clips an HTML part past about 102 KB behind a "[Message clipped] View entire message"
// link, and the end of a digest is then hidden. Whatever the size of the district, the lists of
// a digest are cut so that its HTML stays under HTML_BUDGET_BYTES: first at MAX_ROWS, then by
// size, each cut list sharing what is left fairly with the lists after it and saying how many
// it left out and which command lists them all. The text part is cut the same way, so that the
// two parts say the same thing.

/** Below Gmail's 102 KB, with room for what the mail server and a secret's "[redacted]" add. */
export const HTML_BUDGET_BYTES = 92_000;

type Cuttable = Extract<Block, { type: 'list' } | { type: 'records' }>;

export function fitToBudget(blocks: readonly Block[], title: string, budget = HTML_BUDGET_BYTES): Block[] {
  const fitted: Block[] = blocks.map((block) => (isCuttable(block) ? cut(block, MAX_ROWS) : block));
  const cuttable = fitted.filter(isCuttable);
  if (cuttable.length === 0) return fitted;
  // The size of everything with every list empty: what the lists may share is the rest.
  const fixed = bytes(shell(fitted.map((block) => renderBlock(isCuttable(block) ? cut(block, 0) : block)).join('\n'), title));
  let remaining = budget - fixed;
  const result = new Map<Block, Block>();
  cuttable.forEach((block, i) => {
    const share = remaining / (cuttable.length - i);
    const sizes = rowSizes(block);
    let used = 0;
    let keep = 0;
    while (keep < sizes.length && used + (sizes[keep] ?? 0) <= share) used += sizes[keep++] ?? 0;
    remaining -= used;
    result.set(block, cut(block, keep));
  });
  return fitted.map((block) => result.get(block) ?? block);
}

function isCuttable(block: Block): block is Cuttable {
  return block.type === 'records' || (block.type === 'list' && block.more !== undefined);
}

/** The first `keep` rows, and how many are left out in all. */
function cut<T extends Cuttable>(block: T, keep: number): T {
  const total = (block.type === 'list' ? block.items.length : block.rows.length) + (block.left ?? 0);
  if (block.type === 'list') {
    const items = block.items.slice(0, keep);
    return { ...block, items, left: total - items.length };
  }
  const rows = block.rows.slice(0, keep);
  return { ...block, rows, left: total - rows.length };
}

function rowSizes(block: Cuttable): number[] {
  if (block.type === 'list') return block.items.map((item) => bytes(listItem(item)));
  // The newline that joins a row to the one before it counts too.
  return block.rows.map((row) => bytes(recordRow(block.columns.length, row)) + 1);
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
