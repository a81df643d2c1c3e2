// Runs reads one after another, except that each may let the next one begin early by calling
// `startNext`: a query that has asked for its last page lets the next query send its count
// while those pages come back, instead of leaving request slots empty at every boundary.
//
// The first failure aborts the signal given to the others (with that failure as its reason),
// starts nothing more, and is thrown once every read begun has settled: a partial roster never
// reaches the planner, and after a failure nothing new is asked of the server.

export type StaggeredRead<T> = (startNext: () => void, signal: AbortSignal) => Promise<T>;

export async function runStaggered<T>(reads: ReadonlyArray<StaggeredRead<T>>, signal?: AbortSignal): Promise<T[]> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  const begun: Array<Promise<T>> = [];
  try {
    for (const read of reads) {
      if (controller.signal.aborted) break;
      let startNext: () => void = () => undefined;
      const mayStartNext = new Promise<void>((resolve) => (startNext = resolve));
      const running = read(startNext, controller.signal);
      running.catch((error: unknown) => controller.abort(error));
      begun.push(running);
      await Promise.race([
        mayStartNext,
        running.then(
          () => undefined,
          () => undefined,
        ),
      ]);
    }
    const settled = await Promise.allSettled(begun);
    if (controller.signal.aborted) throw controller.signal.reason;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
