/** What every section needs besides its news. */
export interface ComposeContext {
  /** IANA zone for times; empty: the server's. */
  timeZone: string;
}
