import type { Check, CheckProvider } from '../../source-module.js';
import { loadQueryCatalog, ROSTER_QUERIES } from '../queries/catalog.js';
import { countSectionCourses, describeSectionCourses } from '../roster/section-courses.js';
import { argsFor, rosterQueryArgs } from '../queries/query-args.js';
import type { StudentField } from '../queries/student-fields.js';
import type { PowerSchoolClient } from './client.js';
import { checkPowerSchoolSettings, powerSchoolClientFactory } from './create-reader.js';
import { FALLBACK_PAGE_SIZE } from './reader.js';
import { checkStudentField } from './student-field-check.js';

// `sis-sync check` for PowerSchool, when powerschool.url is set and the Oracle source is not the
// one configured (it does not use the REST API, whose credentials may then be gone): the token
// and metadata, the bounds and one page of each roster query (the whole sections query, to count
// sections whose course is not found), and each field of powerschool.studentFields
// (student-field-check.ts). Reads only; a refusal names the field and what to fix.

const SAMPLE_PAGE_SIZE = 5;

export const powerSchoolChecks: CheckProvider = (settings, log) => {
  if (!settings.powerschool.url || settings.source.type === 'powerschool-oracle') return [];
  let studentFields: StudentField[];
  try {
    studentFields = checkPowerSchoolSettings(settings);
  } catch (error) {
    return [{ name: 'PowerSchool settings', run: () => Promise.reject(error) }];
  }
  const newClient = powerSchoolClientFactory(settings, log, settings.state.dir);
  const withClient = async <T>(use: (client: PowerSchoolClient) => Promise<T>): Promise<T> => {
    const client = newClient();
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  };
  const args = rosterQueryArgs(settings.powerschool, new Date().toISOString().slice(0, 10));
  const checks: Check[] = [
    {
      name: 'PowerSchool token',
      run: () =>
        withClient(async (client) => {
          await client.token();
          const metadata = await client.metadata();
          return `token accepted; PowerSchool ${metadata.version ?? '(version not given)'}, maximum page size ${metadata.maxPageSize ?? `not given (${FALLBACK_PAGE_SIZE} used)`}`;
        }),
    },
    ...loadQueryCatalog()
      .queries.filter((query) => query.key)
      .map((query): Check => ({
        name: `PowerQuery ${query.name}`,
        needs: 'PowerSchool token',
        run: () =>
          withClient(async (client) => {
            const queryArgs = argsFor(query, args);
            // The bounds query first: a plugin older than keyset reading has none (a clear error).
            await client.queryBounds(query);
            const count = await client.countQuery(query, queryArgs);
            const page = await client.queryPage(query, queryArgs, 1, SAMPLE_PAGE_SIZE);
            const summary = `${count} rows; first page read (${page.length} rows)`;
            if (query.name !== ROSTER_QUERIES.sections) return summary;
            // At the server's page size: a slice ends at the first page shorter than asked for.
            const pageSize = (await client.metadata()).maxPageSize ?? FALLBACK_PAGE_SIZE;
            const all = await client.readQuery(query, queryArgs, pageSize);
            return `${summary}; ${describeSectionCourses(countSectionCourses(all.rows)) ?? 'every section has its course'}`;
          }),
      })),
    ...studentFields.map((field): Check => ({
      name: `PowerSchool student field ${field.name} (${field.table}.${field.field})`,
      needs: 'PowerSchool token',
      run: () => withClient((client) => checkStudentField(client, field)),
    })),
  ];
  return checks;
};
