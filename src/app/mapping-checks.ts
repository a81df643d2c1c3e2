import { basename } from 'node:path';
import type { CheckProvider } from '../sources/source-module.js';
import { compileRules } from '../config/mapping-rules/compile-rules.js';
import { MappingModule } from '../mapping/mapping-module.js';

// `sis-sync check`: the mapping module loads and exports a function; the rules are counted, and
// a person is told when the configured source does not use them.

export const mappingChecks: CheckProvider = (settings, log) => {
  const checks = [];
  if (settings.mapping.rules.length > 0) {
    checks.push({
      name: 'Mapping rules',
      async run() {
        const rules = compileRules(settings.mapping.rules);
        const kinds = new Map<string, number>();
        for (const rule of rules) kinds.set(rule.config.kind, (kinds.get(rule.config.kind) ?? 0) + 1);
        const summary = `${rules.length} rule${rules.length > 1 ? 's' : ''} (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
        return settings.source.type === 'file' ? `${summary}; not used: source.type "file" reads dashboards ready-made` : summary;
      },
    });
  }
  const path = settings.mapping.module;
  if (path) {
    checks.push({
      name: 'Mapping module',
      async run() {
        await new MappingModule(path, log, settings.mapping.moduleTimeoutSeconds).load();
        return `${basename(path)} loads and exports a function`;
      },
    });
  }
  return checks;
};
