import { BOUNDS_SUFFIX } from '../../../../src/sources/powerschool/queries/bounds-query.js';
import { WHOLE_KEY_RANGE } from '../../../../src/sources/powerschool/queries/query-args.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT, packageVersion, PLUGIN_DIR, zipPlugin } from '../../../../scripts/build-plugin.js';
import { openSimDatabase, registerOracleFunctions } from '../../../../src/sim/powerschool/database.js';
import { generateDistrict } from '../../../../src/sim/powerschool/district-generator.js';
import { loadQueryCatalog } from '../../../../src/sources/powerschool/queries/catalog.js';
import { NAMED_QUERIES_FILE, pluginFiles } from '../../../../src/sources/powerschool/queries/plugin-files.js';
import { parseStudentFields, type StudentField } from '../../../../src/sources/powerschool/queries/student-fields.js';

// The shipped plugin: generated from the SQL files, well-formed, and asking for access to every
// field its queries read. The last is checked by SQLite itself: each query must compile against
// a database whose tables have only the columns plugin.xml asks for.

const catalog = loadQueryCatalog();
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['field', 'query', 'column', 'arg'].includes(name),
});
const shipped = (path: string) => readFileSync(join(PLUGIN_DIR, path), 'utf8');

interface NamedQuery {
  name: string;
  columns: { column: Array<{ column: string; '#text': string }> };
  sql: string;
}

function parsedQueries(): NamedQuery[] {
  return (parser.parse(shipped(NAMED_QUERIES_FILE)) as { queries: { query: NamedQuery[] } }).queries.query;
}

function accessFields(xml: string): Array<{ table: string; field: string; access: string }> {
  return (parser.parse(xml) as { plugin: { access_request: { field: Array<{ table: string; field: string; access: string }> } } }).plugin
    .access_request.field;
}

describe('the PowerSchool plugin', () => {
  it('is what `npm run plugin` generates from the SQL files (run it after changing a query)', () => {
    const files = pluginFiles(catalog, { version: packageVersion(), contactEmail: DEFAULT_CONTACT });
    for (const [path, text] of files) expect(shipped(path), path).toBe(text);
  });

  it('is well-formed XML with OAuth and no access level to the v1 API', () => {
    for (const path of ['plugin.xml', NAMED_QUERIES_FILE]) expect(XMLValidator.validate(shipped(path)), path).toBe(true);
    const plugin = parser.parse(shipped('plugin.xml')) as { plugin: Record<string, unknown> };
    expect(plugin.plugin.oauth).toBe('');
    expect(shipped('plugin.xml')).toContain('<oauth/>');
    expect(shipped('plugin.xml')).not.toContain('accessLevelV1Api');
    expect(plugin.plugin.name).toBe('sis-sync for AspirEDU');
    expect(String(plugin.plugin.version)).toMatch(/^\d+(\.\d+)*$/);
  });

  it('names every query in five parts, lists its columns in SQL order and keeps its ORDER BY (bounds queries have none)', () => {
    const queries = parsedQueries();
    expect(queries.map((q) => q.name).sort()).toEqual(catalog.queries.map((q) => q.name).sort());
    for (const query of queries) {
      expect(query.name.split('.')).toHaveLength(5);
      const definition = catalog.get(query.name);
      expect(query.columns.column.map((c) => `${c.column}=${c['#text']}`)).toEqual(
        definition.columns.map((c) => `${c.table}.${c.field}=${c.name}`),
      );
      if (!query.name.endsWith(BOUNDS_SUFFIX)) expect(query.sql).toMatch(/\bORDER BY\b/i);
      expect(query.sql.trim()).toBe(definition.sql.trim());
    }
  });

  it('asks for read-only access to every field its queries read, and to nothing else', () => {
    const fields = accessFields(shipped('plugin.xml'));
    expect(new Set(fields.map((f) => f.access))).toEqual(new Set(['ViewOnly']));
    const tables = new Map<string, string[]>();
    for (const f of fields) tables.set(f.table, [...(tables.get(f.table) ?? []), f.field]);
    const restricted = new Database(':memory:');
    registerOracleFunctions(restricted);
    for (const [table, columns] of tables) restricted.exec(`CREATE TABLE ${table} (${columns.join(', ')})`);
    for (const query of parsedQueries()) expect(() => restricted.prepare(query.sql), query.name).not.toThrow();
    // Each requested field is read by some query: drop any one and some query no longer compiles.
    const used = new Set(catalog.queries.flatMap((q) => q.fieldsRead.map((f) => `${f.table}.${f.field}`)));
    expect(fields.map((f) => `${f.table}.${f.field}`).filter((key) => !used.has(key))).toEqual([]);
    restricted.close();
  });

  it('runs unchanged on the simulator database (and so on SQLite with the Oracle function stand-ins)', () => {
    const db = openSimDatabase();
    generateDistrict(db, { today: '2024-10-01', students: 60 });
    const args = { as_of_date: '2024-10-01', enroll_statuses: ',0,', school_numbers: ',*,', ...WHOLE_KEY_RANGE };
    for (const query of catalog.queries) {
      const bound = Object.fromEntries(query.args.map((a) => [a.name, args[a.name as keyof typeof args]]));
      const rows = db.prepare(query.sql).all(bound);
      expect(rows.length, query.name).toBeGreaterThan(0);
    }
    db.close();
  });

  it('declares the key range args of every keyed query, with a bounds query beside it', () => {
    const named = new Map(parsedQueries().map((q) => [q.name, q]));
    for (const query of catalog.queries.filter((q) => q.key)) {
      const args = (named.get(query.name) as unknown as { args: { arg: Array<{ name: string; type: string; required: string }> } }).args
        .arg;
      expect(args.filter((a) => a.name === 'after_id' || a.name === 'up_to_id').map((a) => `${a.name}:${a.type}:${a.required}`)).toEqual([
        'after_id:primitive:true',
        'up_to_id:primitive:true',
      ]);
      expect(named.has(`${query.name}${BOUNDS_SUFFIX}`), query.name).toBe(true);
    }
  });

  it('zips with plugin.xml at the root and the named queries under queries_root/', () => {
    const files = pluginFiles(catalog, { version: '1.2.3', contactEmail: 'it@example.org' });
    const unzipped = unzipSync(zipPlugin(files));
    expect(Object.keys(unzipped).sort()).toEqual(['plugin.xml', NAMED_QUERIES_FILE]);
    expect(strFromU8(unzipped['plugin.xml'] as Uint8Array)).toContain('version="1.2.3"');
    expect(zipPlugin(files)).toEqual(zipPlugin(files));
  });

  it("adds access requests for a district's extra student fields, with the column that keys them", () => {
    const studentFields = parseStudentFields(['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'STUDENTS.HOME_ROOM']) as StudentField[];
    const xml = pluginFiles(catalog, { version: '1.0', contactEmail: 'it@example.org', studentFields }).get('plugin.xml') as string;
    const keys = accessFields(xml).map((f) => `${f.table}.${f.field}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'U_STUDENTSUSERFIELDS.COUNSELOR',
        'U_STUDENTSUSERFIELDS.STUDENTSDCID',
        'STUDENTS.HOME_ROOM',
        'STUDENTS.DCID',
      ]),
    );
  });
});
