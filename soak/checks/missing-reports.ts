import type { CaughtMail } from '../mail-catcher.js';
import type { SoakUpload } from '../journal.js';
import { result, type CheckResult } from './check-result.js';
import { missingListsOf } from './digest-text.js';

// Every person AspirEDU said it did not know is named as new exactly once in the registrar's
// digests (late ones from the outbox included), and said to be no longer missing exactly once
// when they are found or leave; nobody AspirEDU knew is named, and never the placeholder.
// Digests are counted once per Message-ID: a digest sent again after a crash is the same email.

export interface MissingReportInput {
  emails: readonly CaughtMail[];
  recipient: string;
  uploads: readonly SoakUpload[];
  placeholderId: string;
  /** Students AspirEDU still does not know at the end: they cannot have been found yet. */
  unknownAtEnd: ReadonlySet<string>;
}

export function checkMissingReports(input: MissingReportInput): CheckResult {
  const problems: string[] = [];
  const missingEver = new Map<string, number>();
  for (const upload of input.uploads) {
    if (!upload.status.startsWith('success')) continue;
    for (const id of Object.values(upload.missing).flat()) {
      if (id !== input.placeholderId && !missingEver.has(id)) missingEver.set(id, upload.day);
    }
  }
  const seen = new Set<string>();
  const named = { new: new Map<string, number[]>(), noLonger: new Map<string, number[]>() };
  let digests = 0;
  for (const mail of input.emails) {
    if (mail.text.includes(input.placeholderId)) problems.push(`a digest on day ${mail.day} names the placeholder ${input.placeholderId}`);
    if (!mail.to.includes(input.recipient)) continue;
    if (mail.messageId && seen.has(mail.messageId)) continue;
    seen.add(mail.messageId);
    digests++;
    const lists = missingListsOf(mail.text);
    if (lists.truncated) problems.push(`the digest of day ${mail.day} lists only part of the missing users`);
    for (const id of lists.new) named.new.set(id, [...(named.new.get(id) ?? []), mail.day]);
    for (const id of lists.noLonger) named.noLonger.set(id, [...(named.noLonger.get(id) ?? []), mail.day]);
  }

  for (const [id, firstDay] of missingEver) {
    const asNew = named.new.get(id) ?? [];
    if (asNew.length !== 1) {
      problems.push(
        `${id} (missing since day ${firstDay}) was named as new ${asNew.length} times${asNew.length ? ` (days ${asNew.join(', ')})` : ''}`,
      );
    }
    const found = named.noLonger.get(id) ?? [];
    const expected = input.unknownAtEnd.has(id) ? 0 : 1;
    if (found.length !== expected) {
      problems.push(
        `${id} was said to be no longer missing ${found.length} times${found.length ? ` (days ${found.join(', ')})` : ''}, expected ${expected}`,
      );
    }
  }
  for (const id of new Set([...named.new.keys(), ...named.noLonger.keys()])) {
    if (!missingEver.has(id)) problems.push(`${id} was named in a digest, but AspirEDU never said it did not know them`);
  }
  return result(
    'Every missing user was reported exactly once while missing',
    `${missingEver.size} people missing at some point; ${digests} digests to ${input.recipient} read`,
    problems,
  );
}
