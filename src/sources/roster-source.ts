import { isCredentialExpirySource, type CredentialExpiry, type CredentialExpirySource } from '../desired/credentials.js';
import { censusOf } from './roster-census.js';
import type { MembershipSource, RosterMapper, RosterReader, SourceResult } from '../desired/ports.js';

// A SIS source: read the whole roster, then apply the mapping rules. The reader never knows
// about dashboards; the mapper never knows where the roster came from.

export class RosterMembershipSource implements MembershipSource, CredentialExpirySource {
  readonly description: string;

  constructor(
    private readonly reader: RosterReader,
    private readonly mapper: RosterMapper,
  ) {
    this.description = reader.description;
  }

  /** What the reader knows of its credentials' expiry (the PowerSchool token), passed through. */
  credentialExpiries(): readonly CredentialExpiry[] {
    return isCredentialExpirySource(this.reader) ? this.reader.credentialExpiries() : [];
  }

  async load(signal?: AbortSignal): Promise<SourceResult> {
    const roster = await this.reader.read(signal);
    return { ...(await this.mapper(roster, signal)), census: censusOf(roster) };
  }
}
