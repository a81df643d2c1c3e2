import type { Check, CheckProvider } from '../../app/checks.js';
import { loadQueryCatalog } from '../powerschool-queries/catalog.js';
import { argsFor, rosterQueryArgs } from '../powerschool-queries/query-args.js';
import type { StudentField } from '../powerschool-queries/student-fields.js';
import type { PowerSchoolClient } from './client.js';
import { checkPowerSchoolSettings, powerSchoolClientFactory } from './create-reader.js';
import { FALLBACK_PAGE_SIZE } from './reader.js';

// `sis-sync check` for PowerSchool, when powerschool.url is set and the Oracle source is not the
// one configured (it does not use the REST API, whose credentials may then be gone): the token
// and metadata, one page of each roster query, and one page of each table of
// powerschool.studentFields. Reads only; a 403 names the access_request lines to add.

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
    ...loadQueryCatalog().queries.map((query): Check => ({
      name: `PowerQuery ${query.name}`,
      needs: 'PowerSchool token',
      run: () =>
        withClient(async (client) => {
          const queryArgs = argsFor(query, args);
          const count = await client.countQuery(query, queryArgs);
          const page = await client.queryPage(query, queryArgs, 1, SAMPLE_PAGE_SIZE);
          return `${count} rows; first page read (${page.length} rows)`;
        }),
    })),
    ...[...new Set(studentFields.map((f) => f.table))].map((table): Check => ({
      name: `PowerSchool table ${table}`,
      needs: 'PowerSchool token',
      run: () =>
        withClient(async (client) => {
          const fields = studentFields.filter((f) => f.table === table);
          const count = await client.countTable(table.toLowerCase());
          const page = await client.tablePage(
            table.toLowerCase(),
            [fields[0]?.keyField ?? 'ID', ...fields.map((f) => f.field)],
            1,
            SAMPLE_PAGE_SIZE,
          );
          return `${count} rows; first page of ${fields.map((f) => f.field).join(', ')} read (${page.length} rows)`;
        }),
    })),
  ];
  return checks;
};
