import { readFileSync } from 'node:fs';
import { buildProgram } from '../src/cli/program.js';
import { CLI_REFERENCE_BEGIN, CLI_REFERENCE_END, cliReferenceMarkdown } from '../src/cli/reference.js';
import { configReferenceMarkdown, REFERENCE_BEGIN, REFERENCE_END } from '../src/config/reference.js';
import { ERROR_CODES_BEGIN, ERROR_CODES_END, errorCodesMarkdown } from '../src/error-codes.js';
import { LOG_EVENTS_BEGIN, LOG_EVENTS_END, logEventsMarkdown } from '../src/log/events-reference.js';

// The parts of docs/ written from the code: each between two markers in a hand-written page.
// `npm run docs` rewrites them (scripts/update-docs.ts); test/docs/generated-docs.test.ts fails
// when one is stale.

export interface GeneratedBlock {
  /** Relative to the repository's root. */
  file: string;
  begin: string;
  end: string;
  markdown(): string;
}

export const GENERATED_BLOCKS: readonly GeneratedBlock[] = [
  { file: 'docs/reference/configuration.md', begin: REFERENCE_BEGIN, end: REFERENCE_END, markdown: configReferenceMarkdown },
  {
    file: 'docs/reference/cli.md',
    begin: CLI_REFERENCE_BEGIN,
    end: CLI_REFERENCE_END,
    markdown: () => cliReferenceMarkdown(buildProgram(() => undefined)),
  },
  { file: 'docs/reference/log-events.md', begin: LOG_EVENTS_BEGIN, end: LOG_EVENTS_END, markdown: logEventsMarkdown },
  { file: 'docs/reference/error-codes.md', begin: ERROR_CODES_BEGIN, end: ERROR_CODES_END, markdown: errorCodesMarkdown },
];

export const REPOSITORY_ROOT = new URL('../', import.meta.url);

/** The file's text with its generated block written afresh from the code. */
export function regenerated(block: GeneratedBlock): string {
  const text = readFileSync(new URL(block.file, REPOSITORY_ROOT), 'utf8');
  const begin = text.indexOf(block.begin);
  const end = text.indexOf(block.end);
  if (begin < 0 || end < begin) throw new Error(`${block.file} lacks the markers ${block.begin} … ${block.end}`);
  return `${text.slice(0, begin + block.begin.length)}\n${block.markdown()}\n${text.slice(end)}`;
}
