import { XMLParser } from 'fast-xml-parser';
import { SourceError } from '../../../errors.js';
import { accessRequestLine } from '../queries/plugin-files.js';
import type { FieldRef } from '../queries/query-definition.js';
import { asList, isObject } from './json-quirks.js';

// PowerSchool answers 403 to a PowerQuery or a schema-table read that touches a field the
// plugin did not ask for, and names the fields:
//   {"message":"Validation Failed","errors":[{"resource":"..","field":"students.ssn","code":"No access to the field"}]}
//   <errorMessage><message>Validation Failed</message><errors><field>students.ssn</field>...</errors></errorMessage>
// Both become the exact <field .../> lines to add to plugin.xml.

export class AccessRequestError extends SourceError {
  readonly fields: FieldRef[];
  readonly lines: string[];

  constructor(what: string, fields: FieldRef[]) {
    const lines = fields.map(accessRequestLine);
    super(
      `PowerSchool refused ${what}: the plugin has no access to ${fields.map((f) => `${f.table}.${f.field}`).join(', ')}. Add to its plugin.xml:\n    ${lines.join('\n    ')}`,
      {
        code: 'POWERSCHOOL_ACCESS_REQUEST',
        hint: 'Put these lines inside <access_request> of the plugin (or run `npm run plugin -- --config <your config>`, which adds the fields of powerschool.studentFields), raise its version, and install it again under System > System Settings > Plugin Management Dashboard.',
      },
    );
    this.fields = fields;
    this.lines = lines;
  }
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/** The fields a 403 body says the plugin lacks; empty when the body names none. */
export function fieldsFromForbiddenBody(body: unknown): FieldRef[] {
  const parsed = typeof body === 'string' ? parseText(body) : body;
  const root = isObject(parsed) && isObject(parsed.errorMessage) ? parsed.errorMessage : parsed;
  if (!isObject(root)) return [];
  const refs: FieldRef[] = [];
  for (const error of asList(root.errors)) {
    if (!isObject(error) || typeof error.field !== 'string') continue;
    const match = /^\s*([a-z0-9_$]+)\.([a-z0-9_$]+)\s*$/i.exec(error.field);
    if (match) refs.push({ table: (match[1] as string).toUpperCase(), field: (match[2] as string).toUpperCase() });
  }
  return refs;
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return undefined;
    }
  }
  if (!trimmed.startsWith('<')) return undefined;
  try {
    return xml.parse(trimmed);
  } catch {
    return undefined;
  }
}
