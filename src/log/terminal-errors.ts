import pino from 'pino';
import { SisSyncError } from '../errors.js';

// How an error reads in the log. The JSON log (a pipe, a file, journald) keeps everything,
// stack included. A person at a terminal gets the message, code and hint of an error sis-sync
// expected (a bad row, AspirEDU down): the stack of such an error tells them nothing. An error
// nobody expected is a bug, and its stack is what the bug report needs: it stays.

export type ErrorSerializer = (error: Error) => Record<string, unknown>;

export function errorSerializerFor(terminal: boolean): ErrorSerializer {
  return terminal ? forTerminal : pino.stdSerializers.err;
}

function forTerminal(error: Error): Record<string, unknown> {
  const full = pino.stdSerializers.err(error);
  if (!(error instanceof SisSyncError)) return full;
  const { stack: _stack, ...rest } = full;
  return rest;
}
