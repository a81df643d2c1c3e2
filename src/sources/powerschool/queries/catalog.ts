import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../../../errors.js';
import { boundsQuery } from './bounds-query.js';
import { parseQueryFile, QueryFileError, type QueryDefinition } from './query-definition.js';

// The roster queries, read from powerschool-plugin/queries/*.sql. The REST source calls them
// by name as PowerQueries of the installed plugin; the Oracle source runs their SQL directly.
// A keyed query also brings a bounds query (bounds-query.ts).

/** Same depth from src/ and dist/: <root>/{src,dist}/sources/powerschool/queries. */
export const QUERIES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../powerschool-plugin/queries');

/** The queries a roster is read from, by role. */
export const ROSTER_QUERIES = {
  schools: 'org.sissync.aspiredu.roster.schools',
  students: 'org.sissync.aspiredu.roster.students',
  staff: 'org.sissync.aspiredu.roster.staff',
  sections: 'org.sissync.aspiredu.roster.sections',
  sectionTeachers: 'org.sissync.aspiredu.roster.section_teachers',
  enrollments: 'org.sissync.aspiredu.roster.enrollments',
} as const;

export type RosterQueryRole = keyof typeof ROSTER_QUERIES;

export interface QueryCatalog {
  queries: readonly QueryDefinition[];
  get(name: string): QueryDefinition;
}

export function loadQueryCatalog(dir: string = QUERIES_DIR): QueryCatalog {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.sql'))
      .sort();
  } catch (error) {
    throw new SourceError(`Cannot read the PowerQuery SQL files in ${dir}`, {
      code: 'POWERSCHOOL_QUERIES_MISSING',
      hint: 'The powerschool-plugin/queries folder ships with sis-sync; reinstall it if the folder is missing.',
      cause: error,
    });
  }
  const queries = files.map((file) => {
    try {
      return parseQueryFile(file, readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      if (!(error instanceof QueryFileError)) throw error;
      throw new SourceError(`PowerQuery file ${join(dir, file)} is invalid: ${error.message}`, {
        code: 'POWERSCHOOL_QUERY_FILE',
        cause: error,
      });
    }
  });
  // Each keyed query brings its bounds query: both go into the plugin.
  queries.push(...queries.flatMap((q) => boundsQuery(q) ?? []));
  const byName = new Map(queries.map((q) => [q.name, q]));
  if (byName.size !== queries.length)
    throw new SourceError(`Two files in ${dir} define the same query name`, { code: 'POWERSCHOOL_QUERY_FILE' });
  for (const name of Object.values(ROSTER_QUERIES)) {
    if (!byName.has(name)) throw new SourceError(`No file in ${dir} defines the query ${name}`, { code: 'POWERSCHOOL_QUERY_FILE' });
  }
  return {
    queries,
    get(name) {
      const query = byName.get(name);
      if (!query) throw new SourceError(`Unknown PowerQuery ${name}`, { code: 'POWERSCHOOL_QUERY_FILE' });
      return query;
    },
  };
}
