import type convict from 'convict';
import type { RuleInput } from '../mapping-rules/rule-schema.js';

// Mapping rules: how a roster read from the SIS becomes dashboards (see docs/mapping.md).
// Only sources that read a roster use them; a rows-file source already holds dashboards.

export interface MappingSettings {
  mapping: {
    /** Validated by the "mapping-rules" format; compile with compileRules() for typed rules. */
    rules: RuleInput[];
    onCollision: 'merge' | 'fail';
    module: string;
    moduleTimeoutSeconds: number;
    gradeNames: Record<string, string>;
  };
}

export const mappingSchema: convict.Schema<MappingSettings> = {
  mapping: {
    rules: {
      doc: 'Rules that turn the roster into dashboards: a JSON list of school-grade, teacher, student-field and static rules (see docs/mapping.md)',
      format: 'mapping-rules',
      default: [],
    },
    onCollision: {
      doc: 'When two rules make a dashboard of the same name (and account): "merge" their members, or "fail" the run naming both rules',
      format: ['merge', 'fail'],
      default: 'merge',
    },
    module: {
      doc: 'A JavaScript module whose default export (or mapRoster) turns the roster into extra rows, for what rules cannot say; its rows are checked like a rows file',
      format: 'path',
      default: '',
    },
    moduleTimeoutSeconds: {
      doc: 'Seconds mapping.module may take (loading included) before its thread is stopped and the run fails; it runs in a worker thread, so even a loop that never ends cannot freeze the service',
      format: 'positive-number',
      default: 300,
    },
    gradeNames: {
      doc: 'How {grade} reads in dashboard names, by grade level, e.g. {"0": "K", "-1": "PK"}; other grades read as their number',
      format: 'grade-names',
      default: {},
    },
  },
};
