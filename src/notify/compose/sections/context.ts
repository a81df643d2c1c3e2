import type { Action, Block } from '../blocks.js';

/** How digests name students and staff: by name (with their id), or by id only (names stay in the state store and the CLI). */
export type Identify = 'names' | 'ids';

/** What every section needs besides its news. */
export interface ComposeContext {
  /** IANA zone for times; empty: the server's. */
  timeZone: string;
  /** `names` when absent. */
  identify?: Identify;
}

/** One kind of news in a digest: what the reader must do, shown first, then the details. */
export interface Section {
  action: Action;
  blocks: Block[];
}
