import { loadConfig } from '../../src/config/load.js';
import type { Settings } from '../../src/config/settings.js';
import { createRosterMapper } from '../../src/mapping/mapper.js';
import type { Roster } from '../../src/roster/roster.js';
import { compareDashboardKeys, compareStrings, membersToJson } from '../../src/desired/model.js';
import type { SourceResult } from '../../src/desired/ports.js';
import { captureLog, type CapturedLog } from './log-capture.js';
import { tempDir, writeFile } from './temp.js';

// Mapping as the service runs it: settings loaded from a real config file through convict,
// then createRosterMapper.

export function mappingSettings(mapping: Record<string, unknown>, extra: Record<string, unknown> = {}): Settings {
  const dir = tempDir();
  const file = writeFile(dir, 'sis-sync.json', JSON.stringify({ mapping, ...extra }));
  return loadConfig({ file, env: {} }).settings;
}

export async function mapWith(
  mapping: Record<string, unknown>,
  roster: Roster,
  extra: Record<string, unknown> = {},
): Promise<{ result: SourceResult; captured: CapturedLog }> {
  const captured = captureLog();
  const result = await createRosterMapper(mappingSettings(mapping, extra), captured.log)(roster);
  return { result, captured };
}

/** Every dashboard as "type | account | name" → sorted [id, ally] pairs. */
export function dashboardsOf(result: SourceResult): Record<string, Array<[string, boolean]>> {
  const out: Record<string, Array<[string, boolean]>> = {};
  for (const d of [...result.desired.values()].sort(compareDashboardKeys)) {
    out[`${d.dataType} | ${d.account} | ${d.name}`] = membersToJson(d.members);
  }
  return out;
}

export function membersOf(result: SourceResult, dataType: 'student' | 'viewer', name: string, account = ''): string[] {
  const dashboard = [...result.desired.values()].find((d) => d.dataType === dataType && d.name === name && d.account === account);
  return dashboard ? [...dashboard.members.keys()].sort(compareStrings) : [];
}

export function namesOf(result: SourceResult, dataType: 'student' | 'viewer' = 'student'): string[] {
  return [...result.desired.values()]
    .filter((d) => d.dataType === dataType)
    .map((d) => d.name)
    .sort(compareStrings);
}

/**
 * Everything a run carries forward from the mapping, as text, in the order the maps iterate
 * (not sorted here): equal text means equal bytes wherever the result is used.
 */
export function serialise(result: SourceResult): string {
  return JSON.stringify({
    dashboards: [...result.desired.entries()].map(([key, d]) => [key, d.idField, [...d.members.entries()]]),
    warnings: result.warnings,
    stats: result.stats,
    people: [...(result.people ?? new Map()).entries()],
  });
}
