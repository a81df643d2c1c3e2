import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQueryCatalog } from '../../../../src/sources/powerschool/queries/catalog.js';

// The grants docs/sources.md gives the read-only Oracle account must be exactly the tables the
// SQL files read: a query that starts reading a new table must bring its grant into the docs.

const SOURCES_DOC = readFileSync(new URL('../../../../docs/sources.md', import.meta.url), 'utf8');

describe('Oracle grants in docs/sources.md', () => {
  it('grant SELECT on exactly the tables the roster queries read, and CREATE SESSION', () => {
    const section = SOURCES_DOC.slice(
      SOURCES_DOC.indexOf('## Oracle source'),
      SOURCES_DOC.indexOf('\n## ', SOURCES_DOC.indexOf('## Oracle source') + 1),
    );
    const granted = [...section.matchAll(/^GRANT SELECT ON PS\.([A-Z_]+) TO sis_sync_ro;$/gm)].map((m) => m[1]).sort();
    const read = [...new Set(loadQueryCatalog().queries.flatMap((q) => [q.coreTable, ...q.fieldsRead.map((f) => f.table)]))].sort();
    expect(granted).toEqual(read);
    expect(section).toMatch(/^GRANT CREATE SESSION TO sis_sync_ro;$/m);
  });
});
