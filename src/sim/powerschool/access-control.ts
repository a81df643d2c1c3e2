import type { FieldRef } from '../../sources/powerschool/queries/query-definition.js';
import { fieldKey } from '../../sources/powerschool/queries/query-definition.js';

// The plugin's access_request as the simulator enforces it: a PowerQuery or a schema-table read
// that touches a field outside it answers 403 with the fields it lacks, in PowerSchool's shape.

export class AccessRequest {
  private readonly fields: Set<string>;

  constructor(fields: Iterable<FieldRef>) {
    this.fields = new Set([...fields].map(fieldKey));
  }

  grant(ref: FieldRef): void {
    this.fields.add(fieldKey(ref));
  }

  revoke(ref: FieldRef): void {
    this.fields.delete(fieldKey(ref));
  }

  missing(refs: readonly FieldRef[]): FieldRef[] {
    return refs.filter((ref) => !this.fields.has(fieldKey(ref)));
  }
}

/** The 403 body for fields not granted; `field` is lower-case table.field, as PowerSchool writes it. */
export function noAccessBody(resource: string, missing: readonly FieldRef[]): { message: string; errors: Array<Record<string, string>> } {
  return {
    message: 'Validation Failed',
    errors: missing.map((ref) => ({
      resource,
      field: `${ref.table.toLowerCase()}.${ref.field.toLowerCase()}`,
      code: 'No access to the field',
    })),
  };
}
