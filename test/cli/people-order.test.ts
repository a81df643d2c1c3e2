import { describe, expect, it } from 'vitest';
import { comparePeopleOrder, displayDate, displayTime } from '../../src/cli/display.js';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';

// Tables for people: names in the order people expect, times in the district's zone, named.
// --json and the uploads keep their own order and ISO times.

describe('order and times in tables', () => {
  it('orders as a person reads: numbers by value, accents and case aside', () => {
    const names = ['Grade 10', 'Grade 9', 'Cañon City', 'canon city', 'Canon City', 'Cantor', 'Grade 11'];
    expect([...names].sort(comparePeopleOrder)).toEqual([
      'Canon City',
      'Cañon City',
      'canon city',
      'Cantor',
      'Grade 9',
      'Grade 10',
      'Grade 11',
    ]);
  });

  it('shows a time in the zone, named, and a date as that zone reads it', () => {
    expect(displayTime('2026-01-15T03:30:00.000Z', 'America/Chicago')).toBe('2026-01-14 21:30 CST');
    expect(displayDate('2026-01-15T03:30:00.000Z', 'America/Chicago')).toBe('2026-01-14');
    expect(displayTime('not a time', 'America/Chicago')).toBe('not a time');
  });

  it('plan lists Grade 9 before Grade 10 and Cañon beside Canon; status shows times in schedule.timezone; --json keeps ISO', async () => {
    const setup = await cliSetup({
      sim: { students: ['1', '2', '3', '4', '5'].map((sisId) => ({ sisId })) },
      students: [
        ['Grade 10', '1'],
        ['Grade 9', '2'],
        ['Cantor', '3'],
        ['Cañon', '4'],
        ['Canon', '5'],
      ],
      config: { schedule: { timezone: 'America/Chicago' } },
    });
    const plan = await runCli(['plan', '--names', '0'], setup.env);
    expect(plan.code).toBe(0);
    const dashboards = plan.stdout
      .split('\n')
      .slice(1)
      .filter((line) => line.startsWith('student'))
      .map((line) => line.split(/\s{2,}/)[2]);
    expect(dashboards).toEqual(['Canon', 'Cañon', 'Cantor', 'Grade 9', 'Grade 10']);

    expect((await runCli(['once'], setup.env)).code).toBe(0);
    const status = await runCli(['status'], setup.env);
    expect(status.stdout).toMatch(/^ *1 +once +\d{4}-\d\d-\d\d \d\d:\d\d C[SD]T +success/m);
    expect(status.stdout).not.toMatch(/\d\d:\d\d:\d\d\.\d{3}Z/);
    const json = JSON.parse((await runCli(['status', '--json'], setup.env)).stdout) as { runs: Array<{ startedAt: string }> };
    expect(json.runs[0]?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
