import { scrubSecrets } from '../util/secrets.js';

// Every free text the store keeps (a run's error and summary, an upload's error, a failed
// delivery, a failure's title) passes here on its way in: error texts carry what a remote
// server said, and a server may echo the token it was sent. Ids and members are data, and are
// stored as they are.

export function storedText(text: string): string;
export function storedText(text: string | null | undefined): string | null;
export function storedText(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : scrubSecrets(text);
}
