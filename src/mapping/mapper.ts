import type { Settings } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Roster } from '../roster/roster.js';
import type { RosterMapper, SourceResult } from '../desired/ports.js';
import { compileRules, RulesInvalidError, type CompiledRule } from '../config/mapping-rules/compile-rules.js';
import { MappingModule } from './mapping-module.js';
import { peopleOf } from './people.js';
import { unknownFieldProblems } from './roster-checks.js';
import { indexRoster } from './roster-index.js';
import { runRules, type MappingOptions } from './run-rules.js';

// The mapping as the rest of the service sees it: a RosterMapper built from `mapping.*`.
// A RosterMembershipSource pairs it with a reader (PowerSchool REST, Oracle).

export function createRosterMapper(settings: Settings, log: Logger): RosterMapper {
  const rules = compileConfiguredRules(settings.mapping.rules);
  const module = settings.mapping.module
    ? new MappingModule(settings.mapping.module, log, settings.mapping.moduleTimeoutSeconds)
    : undefined;
  if (rules.length === 0 && !module) {
    throw new ConfigError('No mapping rules: a roster source needs mapping.rules, mapping.module, or both', {
      code: 'MAPPING_NO_RULES',
      key: 'mapping.rules',
      hint: 'Start from the rules in config/example.json; `sis-sync plan` shows the dashboards they make. Without rules every dashboard would be emptied.',
    });
  }
  const options: MappingOptions = {
    defaultAccount: settings.aspiredu.account,
    onCollision: settings.mapping.onCollision,
    gradeNames: settings.mapping.gradeNames,
  };
  return async (roster: Roster, signal?: AbortSignal): Promise<SourceResult> => {
    const index = indexRoster(roster);
    const unknown = unknownFieldProblems(rules, index);
    if (unknown.length > 0) {
      throw new ConfigError(`The mapping rules use student fields the roster does not have:\n  ${unknown.join('\n  ')}`, {
        code: 'MAPPING_UNKNOWN_FIELD',
        key: 'mapping.rules',
        hint: 'Fix the field name in the rule, or configure the source to read that field. A rule over a missing field would empty its dashboards.',
      });
    }
    const moduleRows = module ? await module.rows(roster, signal) : undefined;
    const outcome = runRules(index, rules, options, moduleRows);
    for (const { rule, dashboards } of outcome.perRule) log.debug({ event: 'mapping.rule', rule, dashboards }, 'Mapping rule applied');
    return {
      desired: outcome.desired,
      dataTypes: ['student', 'viewer'],
      warnings: outcome.warnings,
      stats: outcome.stats,
      people: peopleOf(index),
      // Worked out again on demand, for one name: a normal run keeps no reasons in memory.
      provenance: { explain: (name) => runRules(index, rules, options, moduleRows, name).explanations ?? [] },
    };
  };
}

function compileConfiguredRules(value: unknown): CompiledRule[] {
  try {
    return compileRules(value);
  } catch (error) {
    if (!(error instanceof RulesInvalidError)) throw error;
    throw new ConfigError(`Invalid mapping rules:\n  ${error.problems.join('\n  ')}`, {
      code: 'CONFIG_INVALID',
      key: 'mapping.rules',
      hint: 'See docs/mapping.md.',
    });
  }
}
