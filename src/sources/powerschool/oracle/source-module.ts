import { createRosterMapper } from '../../../mapping/mapper.js';
import type { SourceModule } from '../../source-module.js';
import { RosterMembershipSource } from '../../roster-source.js';
import { oracleChecks } from './checks.js';
import { createOracleReader } from './create-oracle-reader.js';

// `source.type: "powerschool-oracle"`: the same queries as the plugin's, run on PowerSchool's
// Oracle database, turned into dashboards by the mapping rules.

export const powerSchoolOracleSource: SourceModule = {
  type: 'powerschool-oracle',
  create: (settings, log) => new RosterMembershipSource(createOracleReader(settings, log), createRosterMapper(settings, log)),
  checks: oracleChecks,
};
