// Reads pages 1..n with at most `workers` pages being fetched or processed at once (the request
// gate, not this, bounds the requests in flight). The first failure stops the others from
// starting and is thrown once those in flight have settled: a page that fails fails the whole
// read, so that a partial roster never reaches the planner. `onAllStarted` is called once the
// last page has been asked for (at once when there is none).

export async function readPages<T>(
  pageCount: number,
  workers: number,
  fetchPage: (page: number) => Promise<T[]>,
  signal?: AbortSignal,
  onAllStarted?: () => void,
): Promise<T[][]> {
  const pages: T[][] = new Array<T[]>(pageCount);
  let next = 1;
  let failure: { error: unknown } | undefined;
  if (pageCount === 0) onAllStarted?.();
  const worker = async (): Promise<void> => {
    while (!failure && next <= pageCount) {
      if (signal?.aborted) {
        failure = { error: signal.reason };
        return;
      }
      const page = next++;
      if (page === pageCount) onAllStarted?.();
      try {
        pages[page - 1] = await fetchPage(page);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, pageCount)) }, worker));
  if (failure) throw failure.error;
  return pages;
}
