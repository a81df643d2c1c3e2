import { openStateReadOnly } from '../../state/store.js';
import { personKey } from '../../desired/ports.js';
import type { CommandContext } from '../context.js';
import { displayDate, displayZone, sortForPeople } from '../display.js';
import { plural, renderTable } from '../table.js';

// `sis-sync missing`: everyone AspirEDU did not know the last time an upload named them, with
// who they are (from the last roster read) and the dashboards they were meant for. The digest
// names each person once; this lists them all, whenever IT asks. Reads the state store only.

const DASHBOARDS_SHOWN = 2;

export async function missingCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const store = openStateReadOnly(ctx.settings.state.dir);
  if (!store) {
    ctx.out(options.json ? '[]' : `No runs yet (no state in ${ctx.settings.state.dir}).`);
    return 0;
  }
  try {
    const people = store.people.all();
    const users = store.missingUsers
      .unresolved()
      .map((user) => ({ ...user, person: people.get(personKey(user.dataType, user.userId)) ?? null }));
    if (options.json) {
      ctx.out(JSON.stringify(users, null, 2));
      return 0;
    }
    if (users.length === 0) {
      ctx.out('AspirEDU knew everyone the last uploads named.');
      return 0;
    }
    const withAccounts = users.some((user) => user.account !== '');
    const zone = displayZone(ctx.settings);
    const byName = sortForPeople(users, (user) => [user.dataType, user.account, user.person?.name ?? '\uffff', user.userId]);
    ctx.out(
      renderTable(
        [
          'TYPE',
          ...(withAccounts ? ['ACCOUNT'] : []),
          'ID',
          'NAME',
          'SCHOOL',
          `MISSING SINCE (${zoneLabel(zone)})`,
          'IN A DIGEST',
          'DASHBOARDS',
        ],
        byName.map((user) => [
          user.dataType,
          ...(withAccounts ? [user.account || '-'] : []),
          user.userId,
          user.person?.name ?? '(not in the last roster read)',
          user.person?.school || '-',
          displayDate(user.firstSeenAt, zone),
          user.reportedAt ? displayDate(user.reportedAt, zone) : 'not yet',
          dashboardList(user.dashboards),
        ]),
      ),
    );
    ctx.out('');
    ctx.out(
      `${plural(users.length, 'person', 'people')} unknown to AspirEDU. Usually they are new and have not reached AspirEDU yet; sis-sync sends their dashboards again after sync.retryMissingAfterHours and adds them once AspirEDU knows them. Someone listed for days: check their id in PowerSchool and in AspirEDU.`,
    );
    return 0;
  } finally {
    store.close();
  }
}

function dashboardList(names: readonly string[]): string {
  const shown = names.slice(0, DASHBOARDS_SHOWN).join('; ');
  return names.length > DASHBOARDS_SHOWN ? `${names.length}: ${shown}; …` : shown;
}

/** The zone of the dates shown, as a header names it. */
function zoneLabel(zone: string): string {
  return zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}
