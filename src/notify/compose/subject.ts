import type { Digest, SectionName } from '../news.js';
import { byDashboard } from './sections/changes-section.js';
import { plural } from './words.js';

// "Springfield USD: sis-sync run 42 failed — 1 new problem, 3 dashboards changed (+12, -4)".
// District, outcome and the counts of what this reader's email holds, in the order of the body.

export function subjectFor(digest: Digest, sections: readonly SectionName[]): string {
  const prefix = digest.district ? `${digest.district}: sis-sync` : 'sis-sync';
  const counts = sections.map((section) => countsOf(digest, section)).filter((c): c is string => c !== undefined && c !== '');
  return `${prefix} ${outcomeWords(digest, sections)}${counts.length > 0 ? ` — ${counts.join(', ')}` : ''}`;
}

function outcomeWords(digest: Digest, sections: readonly SectionName[]): string {
  const run = digest.runId === undefined ? 'run' : `run ${digest.runId}`;
  if (digest.outcome === 'drift') return 'drift check';
  if (digest.outcome === 'held') return `${run} held, approval needed`;
  if (digest.outcome === 'failed') return `${run} failed`;
  if (sections.length === 1 && sections[0] === 'heartbeat') return 'is running, all is well';
  return `${run} done`;
}

function countsOf(digest: Digest, section: SectionName): string | undefined {
  switch (section) {
    case 'errors': {
      const news = digest.errors;
      if (!news) return undefined;
      const parts = [
        news.started.length > 0 && plural(news.started.length, 'new problem'),
        news.ongoing.length > 0 && `${plural(news.ongoing.length, 'problem')} still going on`,
        news.recovered.length > 0 && `${plural(news.recovered.length, 'problem')} fixed`,
      ].filter((p): p is string => typeof p === 'string');
      return parts.join(', ');
    }
    case 'missingUsers': {
      const news = digest.missingUsers;
      if (!news) return undefined;
      const parts = [
        news.fresh.length > 0 && `${plural(news.fresh.length, 'new person', 'new people')} unknown to AspirEDU`,
        news.noLongerMissing.length > 0 && `${plural(news.noLongerMissing.length, 'person', 'people')} no longer missing`,
      ].filter((p): p is string => typeof p === 'string');
      return parts.join(', ');
    }
    case 'changes': {
      const news = digest.changes;
      if (!news) return undefined;
      return `${plural(byDashboard(news.dashboards).length, 'dashboard')} changed (+${news.added}, -${news.removed})`;
    }
    case 'held': {
      const news = digest.held;
      if (!news) return undefined;
      if (!news.run) return 'hold ended';
      if (news.run.dashboards.length === 0) return undefined;
      const losing = news.run.dashboards.reduce((sum, d) => sum + d.losing.length, 0);
      return `would remove ${plural(losing, 'member')} from ${plural(news.run.dashboards.length, 'dashboard')}`;
    }
    case 'heartbeat':
      return digest.heartbeat ? `${plural(digest.heartbeat.runs, 'run')}, nothing to report` : undefined;
    case 'drift': {
      const news = digest.drift;
      if (!news) return undefined;
      const parts = [
        news.drifted.length > 0 && `${plural(news.drifted.length, 'dashboard')} changed outside sis-sync`,
        news.unmanaged.length > 0 && `${plural(news.unmanaged.length, 'dashboard')} not managed`,
      ].filter((p): p is string => typeof p === 'string');
      return parts.join(', ');
    }
  }
}
