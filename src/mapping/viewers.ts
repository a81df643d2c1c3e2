import type { RosterSchool, RosterStaff } from '../roster/roster.js';
import type { CompiledRule } from '../config/mapping-rules/compile-rules.js';
import type { ViewerGrant } from './instance.js';
import { isActiveAnywhere, nameKey, type RosterIndex } from './roster-index.js';
import type { ValueMatch } from '../config/mapping-rules/rule-schema.js';

// Who sees a dashboard, from a rule's `viewers` list: listed SIS ids, staff of the dashboard's
// school by role, the staff member a student field names (by SIS id, e-mail, name or USERS.DCID),
// or a table from value to SIS ids.

export interface ViewerContext {
  school?: RosterSchool;
  /** Student-field rules: the field and the value this dashboard is for. */
  field?: string;
  value?: string;
}

export function resolveViewers(rule: CompiledRule, context: ViewerContext, index: RosterIndex): ViewerGrant[] {
  const grants: ViewerGrant[] = [];
  rule.config.viewers.forEach((spec, position) => {
    const ally = spec.ally;
    const where = `viewers[${position}]`;
    if (spec.sisIds) {
      for (const sisId of spec.sisIds) {
        grants.push({ staff: index.staffBySisId.get(sisId)?.[0], sisId, ally, because: `listed in ${where}.sisIds` });
      }
    } else if (spec.roles && context.school) {
      const school = context.school;
      for (const { staff, role } of index.activeStaffBySchool.get(school.id) ?? []) {
        if (spec.roles.includes(role)) grants.push(grant(staff, ally, `${role} at ${school.name}`));
      }
    } else if (spec.fromValue && context.value !== undefined) {
      for (const staff of staffNamedBy(index, spec.fromValue, context.value)) {
        grants.push(grant(staff, ally, `${context.field} = "${context.value}" is their ${MATCH_WORDS[spec.fromValue]}`));
      }
    } else if (spec.table && context.value !== undefined) {
      for (const sisId of spec.table[context.value] ?? []) {
        grants.push({ staff: index.staffBySisId.get(sisId)?.[0], sisId, ally, because: `listed for "${context.value}" in ${where}.table` });
      }
    }
  });
  return grants;
}

const MATCH_WORDS: Record<ValueMatch, string> = { sisId: 'SIS id', email: 'e-mail address', name: 'name', dcid: 'USERS.DCID' };

/** Active staff a field value names, sorted by key; inactive ones get no access from a student's record. */
export function staffNamedBy(index: RosterIndex, match: ValueMatch, value: string): RosterStaff[] {
  const found =
    match === 'sisId'
      ? index.staffBySisId.get(value)
      : match === 'email'
        ? index.staffByEmail.get(value.toLowerCase())
        : match === 'name'
          ? index.staffByName.get(nameKey(value))
          : staffByDcid(index, value);
  return (found ?? []).filter(isActiveAnywhere);
}

/** A staff member's key is their USERS.DCID; a number column may arrive as "1234.0". */
function staffByDcid(index: RosterIndex, value: string): RosterStaff[] {
  const dcid = /^\s*0*(\d+?)(?:\.0*)?\s*$/.exec(value)?.[1];
  const person = dcid === undefined ? undefined : index.staffByKey.get(dcid);
  return person ? [person] : [];
}

function grant(staff: RosterStaff, ally: boolean, because: string): ViewerGrant {
  return { staff, sisId: staff.sisId || null, ally, because };
}
