import { XMLBuilder } from 'fast-xml-parser';
import type { QueryCatalog } from './catalog.js';
import { bindLikeProblem, contactProblem, limitProblem, PluginLimitError } from './plugin-limits.js';
import { fieldKey, uniqueSorted, type FieldRef, type QueryDefinition } from './query-definition.js';
import type { StudentField } from './student-fields.js';

// The files of the PowerSchool plugin, generated from the SQL files: plugin.xml (OAuth, and an
// access_request for exactly the fields the queries read) and the named queries. `npm run
// plugin` writes them and zips them for the district to install.
//
// <oauth/> carries no accessLevelV1Api: that attribute exists only in recent PowerSchool
// versions, and it grants read access to the whole v1 API, far beyond the fields listed here.
// sis-sync needs none of it: /ws/v1/metadata answers any plugin's token, and the roster comes
// from the named queries and the schema table API, both bounded by the access_request.

export const PLUGIN_NAME = 'sis-sync for AspirEDU';
export const PLUGIN_DESCRIPTION = 'Read-only roster access for sis-sync, which keeps AspirEDU dashboards in step with PowerSchool';
export const PUBLISHER_NAME = 'sis-sync';
export const NAMED_QUERIES_FILE = 'queries_root/org.sissync.aspiredu.roster.named_queries.xml';

export interface PluginOptions {
  /** Digits and dots only; PowerSchool refuses to update a plugin to a version that is not higher. */
  version: string;
  contactEmail: string;
  /** Extra student fields the configuration reads (their access requests are added). */
  studentFields?: readonly StudentField[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  cdataPropName: '__cdata',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

const XML_DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/** Every file of the plugin, by its path inside the zip. */
export function pluginFiles(catalog: QueryCatalog, options: PluginOptions): Map<string, string> {
  if (!/^\d+(\.\d+)*$/.test(options.version)) throw new Error(`plugin version "${options.version}" may hold only digits and dots`);
  const fields = accessRequestFields(catalog.queries, options.studentFields ?? []);
  const problems = pluginProblems(catalog.queries, fields, options);
  if (problems.length) throw new PluginLimitError(problems);
  return new Map([
    ['plugin.xml', pluginXml(fields, options)],
    [NAMED_QUERIES_FILE, namedQueriesXml(catalog.queries)],
  ]);
}

/** Every way the plugin would break PowerSchool's limits; empty when it keeps them all. */
export function pluginProblems(queries: readonly QueryDefinition[], fields: readonly FieldRef[], options: PluginOptions): string[] {
  const problems = [
    limitProblem('pluginName', PLUGIN_NAME),
    limitProblem('pluginVersion', options.version),
    limitProblem('pluginDescription', PLUGIN_DESCRIPTION),
    limitProblem('publisherName', PUBLISHER_NAME),
    contactProblem(options.contactEmail),
    ...fields.flatMap((ref) => [
      limitProblem('accessTable', ref.table, fieldKey(ref)),
      limitProblem('accessField', ref.field, fieldKey(ref)),
    ]),
    ...queries.flatMap((q) => [
      limitProblem('queryName', q.name),
      limitProblem('querySummary', q.summary, `${q.name} (the "-- summary:" line of ${q.file})`),
      bindLikeProblem('<summary>', q.summary, `${q.name} (the "-- summary:" line of ${q.file})`),
      bindLikeProblem('<description>', q.description, `${q.name} (the "-- description:" line of ${q.file})`),
      ...q.args.map((a) =>
        bindLikeProblem(`<arg name="${a.name}" description>`, a.description, `${q.name} (its "-- arg:" line in ${q.file})`),
      ),
    ]),
  ];
  return problems.filter((problem): problem is string => problem !== undefined);
}

/** The fields every query reads, and the extra student fields with the column that keys them. */
export function accessRequestFields(queries: readonly QueryDefinition[], studentFields: readonly StudentField[]): FieldRef[] {
  return uniqueSorted([
    ...queries.flatMap((q) => q.fieldsRead),
    ...studentFields.flatMap((f) => [
      { table: f.table, field: f.field },
      { table: f.table, field: f.keyField },
    ]),
  ]);
}

/** One `<field .../>` line of an access_request, as PowerSchool's 403 asks for it. */
export function accessRequestLine(ref: FieldRef): string {
  return `<field table="${ref.table}" field="${ref.field}" access="ViewOnly"/>`;
}

function pluginXml(fields: readonly FieldRef[], options: PluginOptions): string {
  return builder.build({
    ...XML_DECLARATION,
    plugin: {
      '@_xmlns': 'http://plugin.powerschool.pearson.com',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': 'http://plugin.powerschool.pearson.com plugin.xsd',
      '@_name': PLUGIN_NAME,
      '@_version': options.version,
      '@_description': PLUGIN_DESCRIPTION,
      oauth: '',
      access_request: { field: fields.map((ref) => ({ '@_table': ref.table, '@_field': ref.field, '@_access': 'ViewOnly' })) },
      publisher: { '@_name': PUBLISHER_NAME, contact: { '@_email': options.contactEmail } },
    },
  });
}

function namedQueriesXml(queries: readonly QueryDefinition[]): string {
  const header = `<!-- Generated by \`npm run plugin\` from powerschool-plugin/queries/*.sql; edit those files, not this one. -->\n`;
  const body = builder.build({
    queries: {
      query: queries.map((q) => ({
        '@_name': q.name,
        '@_coreTable': q.coreTable.toLowerCase(),
        '@_flattened': 'true',
        summary: q.summary,
        description: q.description,
        ...(q.args.length
          ? {
              args: {
                arg: q.args.map((a) => ({ '@_name': a.name, '@_type': 'primitive', '@_required': 'true', '@_description': a.description })),
              },
            }
          : {}),
        columns: { column: q.columns.map((c) => ({ '@_column': fieldKey(c), '#text': c.name })) },
        sql: { __cdata: `\n${q.sql}\n` },
      })),
    },
  });
  return `${builder.build(XML_DECLARATION)}${header}${body}`;
}
