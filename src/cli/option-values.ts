import { InvalidArgumentError } from 'commander';

// Parsers of option values. They throw commander's InvalidArgumentError, which commander prints
// as "error: option '-n, --limit <count>' argument 'abc' is invalid. <our words>" before the
// program exits 2; any other error from a parser would end the command with no message at all.
// Decimal digits only: "0x10" or "1e3" is a typo more often than a count.

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('Expected a whole number, 1 or more.');
  return Number(value);
}

export function parseCountOrZero(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number, 0 or more.');
  return Number(value);
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  return Number(value);
}
