// The code of the thread a mapping module runs in, as plain CommonJS text for `new Worker(code,
// { eval: true })`: a file of its own would be TypeScript under the test runner and JavaScript in
// dist/, and a worker can only start the latter. It imports the module (ESM or CommonJS, as
// Node.js would), calls its function on the roster it was handed, and posts one answer back.
// Anything it cannot say (an empty event loop, process.exit) shows as the thread's exit.

export type WorkerAnswer =
  | { kind: 'done'; output?: unknown }
  | { kind: 'load-failed'; message: string }
  | { kind: 'no-function' }
  | { kind: 'failed'; message: string; name: string; stack: string | undefined }
  | { kind: 'uncloneable'; message: string };

export interface WorkerInput {
  url: string;
  /** Absent for `sis-sync check`: load the module and find its function, call nothing. */
  roster?: unknown;
}

export const MODULE_WORKER_SCRIPT = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

function pickFunction(exports) {
  const fallback = exports.default;
  for (const candidate of [exports.default, exports.mapRoster, fallback && fallback.mapRoster]) {
    if (typeof candidate === 'function') return candidate;
  }
  return undefined;
}

async function main() {
  let exports;
  try {
    exports = await import(workerData.url);
  } catch (error) {
    return { kind: 'load-failed', message: error && error.message !== undefined ? error.message : String(error) };
  }
  const run = pickFunction(exports);
  if (!run) return { kind: 'no-function' };
  if (!('roster' in workerData)) return { kind: 'done' };
  try {
    return { kind: 'done', output: await run(workerData.roster) };
  } catch (error) {
    const message = error && error.message !== undefined ? error.message : String(error);
    return { kind: 'failed', message, name: (error && error.name) || 'Error', stack: error && error.stack };
  }
}

main().then((answer) => {
  try {
    parentPort.postMessage(answer);
  } catch (error) {
    // A function, a symbol or a class with private state in the output cannot leave the thread.
    parentPort.postMessage({ kind: 'uncloneable', message: error.message });
  }
});
`;
