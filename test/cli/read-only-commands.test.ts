import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliSetup } from '../helpers/cli-setup.js';

// `plan` and the other commands that only read the state store left sis-sync.db-shm and -wal
// in state.dir: a read-only SQLite connection to a database in WAL mode creates them and
// cannot remove them. docs/reference/cli.md says plan never touches the state directory.

/** Every file in the directory with its size and modification time, in nanoseconds. */
function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const stat = statSync(join(dir, name), { bigint: true });
        return [name, `${stat.size} ${stat.mtimeNs}`];
      }),
  );
}

describe('commands that only read the state store', () => {
  it('leave the state directory exactly as they found it', async () => {
    const setup = await cliSetup({ sim: { students: [{ sisId: 's1' }, { sisId: 's2' }] }, students: [['A', 's1']] });
    expect((await runCli(['once'], setup.env)).code).toBe(0);
    setup.writeStudents([
      ['A', 's1'],
      ['A', 's2'],
    ]);
    const before = listing(setup.stateDir);
    expect(Object.keys(before)).toEqual(['sis-sync.db']);

    for (const args of [['plan'], ['status'], ['status', '--json'], ['history'], ['missing']]) {
      const result = await runCli(args, setup.env);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(listing(setup.stateDir), args.join(' ')).toEqual(before);
    }
    // The plan read what the run recorded: only s2 is new.
    expect((await runCli(['plan'], setup.env)).stdout).toMatch(/\+ s2/);
  });
});
