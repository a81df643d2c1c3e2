import { afterEach, describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { createHarness, type Harness } from '../helpers/harness.js';

// A state write that fails mid-run (here: the database turned read-only) ends the run with a
// StateError naming state.dir and what to do, not SQLite's bare words.

let h: Harness;

afterEach(async () => {
  await h?.close();
});

describe('a state write failing mid-run', () => {
  it('fails the run with the state directory and a way out', async () => {
    h = await createHarness({ students: ['s1'] });
    h.settings.source.files.viewers = '';
    h.writeStudents([['A', 's1']]);
    h.store.db.pragma('query_only = ON');
    const error = await h.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).message).toBe(
      `The state database failed (state.dir: ${h.settings.state.dir}): the database or its directory is read-only (SQLITE_READONLY)`,
    );
  });
});
