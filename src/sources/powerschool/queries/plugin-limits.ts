import { ACCESS_REQUEST_NAME_MAX } from '../../../config/student-fields.js';
import { bindNames } from './sql-text.js';

// PowerSchool's limits on what a plugin holds. Past one of them PowerSchool refuses to install
// the plugin, or installs it and leaves a query unregistered (every call to it then answers 404),
// so the generator refuses to write such a plugin instead.
//
// plugin.xml: PowerSchool's plugin.xsd, the schema the Plugin Management Dashboard validates
// plugin.xml against (a public copy: github.com/grantholle/powerschool-plugin-xml-builder,
// src/plugin.xsd): <plugin name> string40strict (1 to 40), version string20, description
// string256, <publisher name> string100strict, <contact email> string40strict, and each
// <access_request><field> table and field string30.
// Named queries (queries_root/*.named_queries.xml): PowerSchool's developer documentation on
// PowerQueries (support.powerschool.com/developer, "PowerQueries"): the query name at most 200
// characters, its <summary> at most 50.

export interface TextLimit {
  /** Where the text goes, as a person finds it in the plugin's files. */
  element: string;
  min: number;
  max: number;
}

export const PLUGIN_LIMITS = {
  pluginName: { element: 'plugin.xml <plugin name="...">', min: 1, max: 40 },
  pluginVersion: { element: 'plugin.xml <plugin version="...">', min: 1, max: 20 },
  pluginDescription: { element: 'plugin.xml <plugin description="...">', min: 0, max: 256 },
  publisherName: { element: 'plugin.xml <publisher name="...">', min: 1, max: 100 },
  contactEmail: { element: 'plugin.xml <contact email="...">', min: 1, max: 40 },
  accessTable: { element: 'plugin.xml <access_request><field table="...">', min: 1, max: ACCESS_REQUEST_NAME_MAX },
  accessField: { element: 'plugin.xml <access_request><field field="...">', min: 1, max: ACCESS_REQUEST_NAME_MAX },
  queryName: { element: 'named query <query name="...">', min: 1, max: 200 },
  querySummary: { element: 'named query <summary>', min: 1, max: 50 },
} as const satisfies Record<string, TextLimit>;

export type PluginLimitName = keyof typeof PLUGIN_LIMITS;

/** A sentence saying how `value` breaks the limit, or undefined when it keeps it. */
export function limitProblem(limit: PluginLimitName, value: string, of?: string): string | undefined {
  const { element, min, max } = PLUGIN_LIMITS[limit];
  const where = of ? `${element} of ${of}` : element;
  if (value.length > max) return `${where} is ${value.length} characters ("${value}"); PowerSchool allows at most ${max}`;
  if (value.length < min) return `${where} is empty; PowerSchool requires at least ${min} character`;
  return undefined;
}

/**
 * A sentence when text that PowerSchool shows next to a query holds something shaped like a bind
 * variable (":as_of_date"): PowerSchool may take it for an undeclared argument and leave the
 * query unregistered.
 */
export function bindLikeProblem(element: string, text: string, of: string): string | undefined {
  const binds = bindNames(text);
  if (binds.length === 0) return undefined;
  return `${element} of ${of} contains ${binds.map((b) => `":${b}"`).join(', ')}, which PowerSchool may read as an undeclared bind variable; write the argument's name without the colon`;
}

/** The publisher contact a district gives with `--contact`: an address within the limit. */
export function contactProblem(email: string): string | undefined {
  const tooLong = limitProblem('contactEmail', email);
  if (tooLong) return tooLong;
  if (!/^[^@\s"<>]+@[^@\s"<>]+\.[^@\s"<>]+$/.test(email))
    return `"${email}" is not an e-mail address (${PLUGIN_LIMITS.contactEmail.element})`;
  return undefined;
}

export class PluginLimitError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The plugin would break PowerSchool's limits, so it was not written:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PluginLimitError';
    this.problems = problems;
  }
}
