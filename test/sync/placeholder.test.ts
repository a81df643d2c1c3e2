import { afterEach, describe, expect, it } from 'vitest';
import { configuredChecks } from '../../src/app/checks.js';
import { ConfigError, exitCodeFor } from '../../src/errors.js';
import { createHarness, type Harness } from '../helpers/harness.js';

// sync.emptyPlaceholderId set to a real student's id: "emptied" dashboards held that student
// and the upload ended "success", unnoticed. Now the run stops, says so, and records the
// dashboard as holding that user; later runs empty nothing until the setting is fixed; and
// `sis-sync check` tells from the state store's emptying uploads. Against the simulator.

let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function placeholderCheck(): Promise<string> {
  const check = configuredChecks(h.settings, h.captured.log).find((c) => c.name === 'Empty-dashboard placeholder');
  return check!.run();
}

describe('an empty-dashboard placeholder AspirEDU knows', () => {
  it('stops the run, never records the dashboard as empty, empties nothing more, and check says so', async () => {
    h = await createHarness({ students: ['s1', 's2', 'real-kid'], config: { sync: { emptyPlaceholderId: 'real-kid' } } });
    h.settings.source.files.viewers = '';
    h.writeStudents([
      ['A', 's1'],
      ['B', 's2'],
    ]);
    expect((await h.run()).outcome).toBe('success');
    await expect(placeholderCheck()).resolves.toMatch(/"real-kid" not tested yet: AspirEDU's API cannot look a user up/);

    h.writeStudents([['A', 's1']]); // B is emptied with the placeholder row
    const error = await h.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'PLACEHOLDER_IS_REAL_USER', key: 'sync.emptyPlaceholderId' });
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toMatch(
      /^AspirEDU knows the empty-dashboard placeholder "real-kid" \(sync.emptyPlaceholderId\): upload \S+ meant to empty 1 student dashboard\(s\) \(B\) and ended "success" without reporting it missing, so they now hold that user instead of nobody/,
    );
    expect((error as ConfigError).hint).toMatch(/^Set sync.emptyPlaceholderId to an id no student or viewer has in AspirEDU/);
    expect(h.sim.model.memberIds('', 'B', 'student')).toEqual(['real-kid']);
    // The snapshot tells the truth: B holds that user, not nobody.
    const snapshot = [...h.store.snapshots.all().values()].find((d) => d.name === 'B');
    expect([...snapshot!.members.keys()]).toEqual(['real-kid']);
    expect(h.store.runs.recent(1)[0]).toMatchObject({ outcome: 'failed' });
    expect(h.captured.events()).toContain('upload.placeholder_known');

    // The next run does not believe B empty, and sends nothing that would empty with that id.
    const posts = h.uploadPosts();
    const again = await h.run().catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'PLACEHOLDER_IS_REAL_USER' });
    expect((again as Error).message).toContain('nothing was uploaded this run');
    expect(h.uploadPosts()).toBe(posts);
    await expect(placeholderCheck()).rejects.toThrow(
      /AspirEDU knows the empty-dashboard placeholder "real-kid" \(sync.emptyPlaceholderId\): upload \S+ \(.*\) emptied dashboards with it and ended "success" without reporting it missing/,
    );

    // With an id AspirEDU does not know, B is emptied for real, and check is content.
    h.settings.sync.emptyPlaceholderId = 'nobody-has-this-id';
    expect((await h.run()).outcome).toBe('success');
    expect(h.sim.model.memberIds('', 'B', 'student')).toEqual([]);
    await expect(placeholderCheck()).resolves.toMatch(
      /^"nobody-has-this-id" is unknown to AspirEDU, as it must be: upload \S+ \(.*\) reported it missing$/,
    );
  });
});
