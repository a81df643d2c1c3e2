import { describe, expect, it } from 'vitest';
import { runStaggered, type StaggeredRead } from '../../../../src/sources/powerschool/api/staggered.js';

// Reads that overlap only from the moment the one before has asked for its last page, and a
// failure that stops everything: what lets the roster read keep both request slots busy.

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runStaggered', () => {
  it('begins each read only once the one before lets it (or ends), and returns results in order', async () => {
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first: StaggeredRead<string> = async (startNext) => {
      events.push('first begins');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      startNext();
      await tick();
      events.push('first ends');
      return 'a';
    };
    const second: StaggeredRead<string> = async () => {
      events.push('second begins');
      return 'b';
    };
    const third: StaggeredRead<string> = async () => {
      events.push('third begins');
      return 'c';
    };
    const all = runStaggered([first, second, third]);
    await tick();
    expect(events).toEqual(['first begins']);
    releaseFirst();
    expect(await all).toEqual(['a', 'b', 'c']);
    // The second began while the first was still running; the third when the second ended.
    expect(events).toEqual(['first begins', 'second begins', 'third begins', 'first ends']);
  });

  it('stops at the first failure: the others see it in their signal, nothing more begins, it is thrown once all settled', async () => {
    const failure = new Error('page 3 failed');
    let secondSawAbort: unknown;
    let thirdBegan = false;
    const first: StaggeredRead<number> = async (startNext) => {
      startNext();
      await tick();
      throw failure;
    };
    const second: StaggeredRead<number> = async (_startNext, signal) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      secondSawAbort = signal.reason;
      return 2;
    };
    const third: StaggeredRead<number> = async () => {
      thirdBegan = true;
      return 3;
    };
    await expect(runStaggered([first, second, third])).rejects.toBe(failure);
    expect(secondSawAbort).toBe(failure);
    expect(thirdBegan).toBe(false);
  });

  it('begins nothing once the caller aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('stopping');
    let secondBegan = false;
    const first: StaggeredRead<number> = async () => {
      controller.abort(reason);
      return 1;
    };
    const second: StaggeredRead<number> = async () => {
      secondBegan = true;
      return 2;
    };
    await expect(runStaggered([first, second], controller.signal)).rejects.toBe(reason);
    expect(secondBegan).toBe(false);
  });
});
