import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Every invalid option value prints a message naming the option and the value, and exits 2
// (usage); before, a few exited 2 in silence.

describe('invalid option values', () => {
  it.each([
    [['plan', '--names', '-5'], /option '--names <count>' argument '-5' is invalid\. Expected a whole number, 0 or more\./],
    [['history', '-n', 'abc'], /option '-n, --limit <count>' argument 'abc' is invalid\. Expected a whole number, 1 or more\./],
    [['status', '-n', '0'], /option '-n, --limit <count>' argument '0' is invalid\. Expected a whole number, 1 or more\./],
    [['uploads', '--limit', '0x10'], /option '-n, --limit <count>' argument '0x10' is invalid\./],
    [
      ['sim', 'aspiredu', '--port', '70000'],
      /option '--port <port>' argument '70000' is invalid\. Expected a port number from 0 to 65535\./,
    ],
  ])('%j says what is wrong and exits 2', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
