import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQueryCatalog } from '../../../../src/sources/powerschool/queries/catalog.js';

// The README's grants for the read-only Oracle account must be exactly the tables the SQL files
// read: a query that starts reading a new table must bring its grant into the README with it.

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('README Oracle grants', () => {
  it('grant SELECT on exactly the tables the roster queries read, and CREATE SESSION', () => {
    const section = README.slice(README.indexOf('## Oracle source'), README.indexOf('\n## ', README.indexOf('## Oracle source') + 1));
    const granted = [...section.matchAll(/^GRANT SELECT ON PS\.([A-Z_]+) TO sis_sync_ro;$/gm)].map((m) => m[1]).sort();
    const read = [...new Set(loadQueryCatalog().queries.flatMap((q) => [q.coreTable, ...q.fieldsRead.map((f) => f.table)]))].sort();
    expect(granted).toEqual(read);
    expect(section).toMatch(/^GRANT CREATE SESSION TO sis_sync_ro;$/m);
  });
});
