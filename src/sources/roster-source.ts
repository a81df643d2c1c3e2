import { censusOf } from './roster-census.js';
import type { MembershipSource, RosterMapper, RosterReader, SourceResult } from '../sync/ports.js';

// A SIS source: read the whole roster, then apply the mapping rules. The reader never knows
// about dashboards; the mapper never knows where the roster came from.

export class RosterMembershipSource implements MembershipSource {
  readonly description: string;

  constructor(
    private readonly reader: RosterReader,
    private readonly mapper: RosterMapper,
  ) {
    this.description = reader.description;
  }

  async load(signal?: AbortSignal): Promise<SourceResult> {
    const roster = await this.reader.read(signal);
    return { ...(await this.mapper(roster)), census: censusOf(roster) };
  }
}
