import type { RunReport } from '../sync/run.js';
import type { HeldRun } from './held-run.js';

// How a run ended, as the notifier is told after every run: the engine's report, the error
// that stopped the run, or the guard's hold. `runCycle`'s result is one of these.

export type NotifyRunOutcome = { kind: 'report'; report: RunReport } | { kind: 'error'; error: unknown } | { kind: 'held'; held: HeldRun };
