import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DaemonMetrics } from '../../src/daemon/metrics.js';
import { ERROR_CODE_SECTIONS, ERROR_CODES } from '../../src/error-codes.js';
import { EXIT } from '../../src/errors.js';
import { LOG_EVENTS } from '../../src/log/events.js';
import { openState } from '../../src/state/store.js';
import { tempDir } from '../helpers/temp.js';

// docs/reference must name everything the code has: each exit code and each metric in its
// hand-written table, each log event in the list the log events page is written from (the page
// itself is checked by generated-docs.test.ts). A new one added without a line fails here, and
// so does a misspelt event name in a log call.

const ROOT = resolve(import.meta.dirname, '../..');
const doc = (file: string) => readFileSync(join(ROOT, 'docs/reference', file), 'utf8');

function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every event name the code logs; throws on an `event:` written in a way this does not read. */
function loggedEvents(): Set<string> {
  const events = new Set<string>();
  for (const file of sourceFiles()) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/_EVENT = '([a-z_.]+)'/g)) events.add(m[1] as string);
    for (const m of code.matchAll(/\bevent: ([^,}\n]+)/g)) {
      const value = (m[1] as string).replace(/ satisfies LogEvent$/, '').trim();
      const literals = [...value.matchAll(/'([a-z_.]+)'/g)].map((l) => l[1] as string);
      if (/^'[a-z_.]+'$/.test(value) || /^\w+ \? '[a-z_.]+' : '[a-z_.]+'$/.test(value)) literals.forEach((l) => events.add(l));
      else if (!/^[A-Z_]+_EVENT$/.test(value)) throw new Error(`${file}: cannot read the event name in "event: ${value}"`);
    }
  }
  return events;
}

/** Every quoted text in src/ that reads like an error code of a listed kind (CONFIG_…, ORACLE_…). */
function writtenErrorCodes(): Set<string> {
  const prefixes = new Set(ERROR_CODES.map((code) => code.split('_')[0] as string));
  const codes = new Set<string>();
  for (const file of sourceFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g)) {
      const text = m[1] as string;
      if (prefixes.has(text.split('_')[0] as string) && (text.includes('_') || ERROR_CODES.includes(text as never))) codes.add(text);
    }
  }
  return codes;
}

/** The names the code uses are those listed, each once: none missing (a typo), none left over. */
function expectListed(used: Set<string>, list: readonly string[]): void {
  expect(used.size).toBeGreaterThan(80);
  const listed = new Set(list);
  expect([...used].filter((name) => !listed.has(name)).sort(), 'used but not listed').toEqual([]);
  expect([...listed].filter((name) => !used.has(name)).sort(), 'listed but not used').toEqual([]);
  expect(list.length, 'a name listed twice').toBe(listed.size);
}

describe('docs/reference tables', () => {
  it('exit-codes.md lists every exit code of src/errors.ts', () => {
    const codes = doc('exit-codes.md');
    for (const [name, code] of Object.entries(EXIT)) expect(codes, `EXIT.${name}`).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('the list of log events (src/log/events.ts) has every event the code logs, and no event it does not', () => {
    expectListed(loggedEvents(), LOG_EVENTS);
  });

  it('the list of error codes (src/error-codes.ts) has every code the code writes, and no code it does not', () => {
    expectListed(writtenErrorCodes(), ERROR_CODES);
    const families = ERROR_CODE_SECTIONS.flatMap((section) => Object.keys('families' in section ? section.families : {}));
    expect(families).toEqual(['API_HTTP_<status>', 'STATE_<SQLite code>']);
  });

  it('metrics.md lists every sis_sync_ metric /metrics serves', async () => {
    const store = openState(tempDir());
    const metrics = new DaemonMetrics(store);
    store.close();
    const names = metrics.registry
      .getMetricsAsArray()
      .map((metric) => metric.name)
      .filter((name) => name.startsWith('sis_sync_'));
    expect(names.length).toBeGreaterThan(8);
    const listed = doc('metrics.md');
    for (const name of names) expect(listed, name).toMatch(new RegExp(`^\\| \`${name}[{\`]`, 'm'));
    const documented = [...listed.matchAll(/^\| `(sis_sync_\w+)/gm)].map((m) => m[1]);
    expect(documented.filter((name) => !names.includes(name as string))).toEqual([]);
  });
});
