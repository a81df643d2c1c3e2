import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import { isoNow, type Clock } from '../util/clock.js';
import type { PipelineResult, UploadPipeline } from './upload-pipeline.js';

// Finishes what a previous process left behind, without reading the source or planning: the
// runs it left "running" become "interrupted", and the uploads it left in flight are polled to
// their end and recorded. The daemon does this first on start, before any scheduled run.

export interface ResumeOptions {
  store: StateStore;
  pipeline: UploadPipeline;
  clock: Clock;
  log: Logger;
}

export async function resumeInFlight(options: ResumeOptions, signal?: AbortSignal): Promise<PipelineResult> {
  const { store, clock, log } = options;
  const interrupted = store.runs.markInterrupted(isoNow(clock));
  if (interrupted > 0) log.warn({ event: 'run.interrupted_found', count: interrupted }, 'A previous run was interrupted');
  const inFlight = store.uploads.inFlight().length;
  if (inFlight === 0) return { outcomes: [], problems: [], stillInFlight: false };
  log.info({ event: 'resume.started', uploads: inFlight }, 'Finishing uploads left in flight by the previous process');
  const result = await options.pipeline.resume(signal);
  log.info(
    { event: 'resume.finished', finished: result.outcomes.length, problems: result.problems.length, stillInFlight: result.stillInFlight },
    'Uploads left in flight settled',
  );
  return result;
}
