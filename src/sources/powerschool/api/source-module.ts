import { createRosterMapper } from '../../../mapping/mapper.js';
import { systemClock } from '../../../util/clock.js';
import type { SourceModule } from '../../source-module.js';
import { RosterMembershipSource } from '../../roster-source.js';
import { powerSchoolChecks } from './checks.js';
import { createPowerSchoolApiReader } from './create-reader.js';

// `source.type: "powerschool-api"`: the roster read through the sis-sync plugin's PowerQueries,
// turned into dashboards by the mapping rules.

export const powerSchoolApiSource: SourceModule = {
  type: 'powerschool-api',
  create: (settings, log, progress) =>
    new RosterMembershipSource(
      createPowerSchoolApiReader(settings, log, settings.state.dir, systemClock, progress),
      createRosterMapper(settings, log),
    ),
  checks: powerSchoolChecks,
};
