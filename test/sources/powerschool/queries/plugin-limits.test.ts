import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildPlugin, PLUGIN_DIR } from '../../../../scripts/build-plugin.js';
import { loadQueryCatalog, type QueryCatalog } from '../../../../src/sources/powerschool/queries/catalog.js';
import { NAMED_QUERIES_FILE, pluginFiles } from '../../../../src/sources/powerschool/queries/plugin-files.js';
import { PLUGIN_LIMITS, PluginLimitError } from '../../../../src/sources/powerschool/queries/plugin-limits.js';
import type { QueryDefinition } from '../../../../src/sources/powerschool/queries/query-definition.js';

// The plugin within PowerSchool's documented limits (plugin-limits.ts): the shipped files keep
// them, the generator refuses to write a plugin that breaks one, and `npm run plugin` refuses an
// argument that would, naming the element and the limit.

const catalog = loadQueryCatalog();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['field', 'query'].includes(name) });
const shipped = (path: string) => readFileSync(join(PLUGIN_DIR, path), 'utf8');
const OPTIONS = { version: '1.0', contactEmail: 'it@example.org' };

interface ShippedPlugin {
  plugin: {
    name: string;
    version: string | number;
    description: string;
    access_request: { field: Array<{ table: string; field: string }> };
    publisher: { name: string; contact: { email: string } };
  };
}

function withQuery(name: string, change: Partial<QueryDefinition>): QueryCatalog {
  const queries = catalog.queries.map((q) => (q.name === name ? { ...q, ...change } : q));
  return { queries, get: (n) => queries.find((q) => q.name === n) as QueryDefinition };
}

function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginLimitError);
    return (error as Error).message;
  }
  throw new Error('the plugin was built');
}

describe("PowerSchool's limits on the plugin", () => {
  it('are kept by every text of the shipped plugin.xml and named queries', () => {
    const { plugin } = parser.parse(shipped('plugin.xml')) as ShippedPlugin;
    expect(plugin.name.length).toBeLessThanOrEqual(PLUGIN_LIMITS.pluginName.max);
    expect(String(plugin.version).length).toBeLessThanOrEqual(PLUGIN_LIMITS.pluginVersion.max);
    expect(plugin.description.length).toBeLessThanOrEqual(PLUGIN_LIMITS.pluginDescription.max);
    expect(plugin.publisher.name.length).toBeLessThanOrEqual(PLUGIN_LIMITS.publisherName.max);
    expect(plugin.publisher.contact.email.length).toBeLessThanOrEqual(PLUGIN_LIMITS.contactEmail.max);
    for (const f of plugin.access_request.field) {
      expect(f.table.length).toBeLessThanOrEqual(PLUGIN_LIMITS.accessTable.max);
      expect(f.field.length).toBeLessThanOrEqual(PLUGIN_LIMITS.accessField.max);
    }
    const { queries } = parser.parse(shipped(NAMED_QUERIES_FILE)) as {
      queries: { query: Array<{ name: string; summary: string; description: string }> };
    };
    expect(queries.query).toHaveLength(catalog.queries.length);
    for (const query of queries.query) {
      expect(query.name.length, query.name).toBeLessThanOrEqual(PLUGIN_LIMITS.queryName.max);
      expect(query.summary.length, `${query.name} <summary>`).toBeLessThanOrEqual(PLUGIN_LIMITS.querySummary.max);
    }
  });

  it('hold no text shaped like a bind variable in a summary, description or argument description', () => {
    const texts = catalog.queries.flatMap((q) => [q.summary, q.description, ...q.args.map((a) => a.description)]);
    expect(texts.filter((text) => /(?<![:\w]):[a-z_]/i.test(text))).toEqual([]);
  });

  it('stop the generator on a summary longer than 50 characters, naming the query, its file and the limit', () => {
    const summary = 'Sections whose term includes a date, with course, term and lead teacher';
    const message = refusal(() => pluginFiles(withQuery('org.sissync.aspiredu.roster.sections', { summary }), OPTIONS));
    expect(message).toContain('named query <summary> of org.sissync.aspiredu.roster.sections');
    expect(message).toContain('sections.sql');
    expect(message).toContain(`is ${summary.length} characters`);
    expect(message).toContain('at most 50');
  });

  it('stop the generator on text that looks like a bind variable', () => {
    const description = 'One row per section in a term that includes :as_of_date.';
    const message = refusal(() => pluginFiles(withQuery('org.sissync.aspiredu.roster.sections', { description }), OPTIONS));
    expect(message).toContain('<description> of org.sissync.aspiredu.roster.sections');
    expect(message).toContain('":as_of_date"');
    const summary = refusal(() => pluginFiles(withQuery('org.sissync.aspiredu.roster.schools', { summary: 'Schools on :day' }), OPTIONS));
    expect(summary).toContain('<summary> of org.sissync.aspiredu.roster.schools');
  });

  it('stop the generator on a query name past 200 characters, a long contact, and a table or field past 30', () => {
    const name = `org.sissync.aspiredu.roster.${'x'.repeat(180)}`;
    expect(refusal(() => pluginFiles(withQuery('org.sissync.aspiredu.roster.schools', { name }), OPTIONS))).toContain('at most 200');
    const contactEmail = 'information.technology@district.k12.example.us';
    expect(refusal(() => pluginFiles(catalog, { ...OPTIONS, contactEmail }))).toContain('<contact email="..."> is 46 characters');
    const studentFields = [{ name: 'x', table: 'U_A_VERY_LONG_EXTENSION_TABLE_NAME', field: 'X', keyField: 'STUDENTSDCID' }];
    expect(refusal(() => pluginFiles(catalog, { ...OPTIONS, studentFields }))).toContain(
      '<field table="..."> of U_A_VERY_LONG_EXTENSION_TABLE_NAME.X',
    );
  });
});

describe('npm run plugin', () => {
  const out = mkdtempSync(join(tmpdir(), 'sis-sync-plugin-'));

  it('refuses a --contact past 40 characters, with the limit in the message, and writes nothing', () => {
    const contact = 'information.technology@district.k12.example.us';
    const message = refusal(() => buildPlugin(['--contact', contact, '--out', out]));
    expect(message).toContain(`--contact: plugin.xml <contact email="..."> is ${contact.length} characters`);
    expect(message).toContain('PowerSchool allows at most 40');
    expect(refusal(() => buildPlugin(['--contact', 'not an address', '--out', out]))).toContain('is not an e-mail address');
  });

  it('refuses a --plugin-version past 20 characters', () => {
    expect(refusal(() => buildPlugin(['--plugin-version', '2024.10.1.1.1.1.1.1.1', '--out', out]))).toContain('at most 20');
  });

  it('builds with a contact within the limit', () => {
    const built = buildPlugin(['--contact', 'it@district.example.org', '--plugin-version', '1.0.1', '--out', out]);
    expect(built.zipFile).toBe(join(out, 'sis-sync-powerschool-plugin-1.0.1.zip'));
    expect(built.files.get('plugin.xml')).toContain('<contact email="it@district.example.org"/>');
  });

  it('refuses a --config whose extra student field PowerSchool could not grant, naming the field', () => {
    const config = join(out, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ powerschool: { studentFields: ['counselor=U_STUDENTSUSERFIELDS.COUNSELOR', 'section=CC.SECTIONID'] } }),
    );
    expect(() => buildPlugin(['--config', config, '--plugin-version', '1.0.2', '--out', out])).toThrow(
      /powerschool\.studentFields: "section=CC\.SECTIONID": CC is neither STUDENTS nor a known one-to-one extension/,
    );
  });
});
