import type { ReviewLinkFor } from './held-run.js';
import type { Digest } from './news.js';
import type { Addressee } from './recipients.js';

// With the approval page on, each reader of a held run gets a link signed for them alone, so a
// group of readers that would share one message gets one message each instead.

export interface DigestCopy {
  recipients: string[];
  digest: Digest;
}

export function copiesWithLinks(group: Addressee, digest: Digest, linkFor: ReviewLinkFor | undefined): DigestCopy[] {
  const run = digest.held?.run;
  if (!linkFor || !run || !group.sections.includes('held')) return [{ recipients: group.recipients, digest }];
  return group.recipients.map((recipient) => {
    const reviewLink = linkFor(run.runId, recipient);
    if (!reviewLink) return { recipients: [recipient], digest };
    return { recipients: [recipient], digest: { ...digest, held: { ...digest.held!, run: { ...run, reviewLink } } } };
  });
}
