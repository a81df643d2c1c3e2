import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/table.js';

describe('renderTable', () => {
  it('counts terminal columns, so names in Chinese or with an emoji keep the columns after them in line', () => {
    // 李 and 🏈 take two columns each; ë, ü and – one.
    const text = renderTable(
      ['DASHBOARD', 'ADDED'],
      [
        ['李 – Students', 3],
        ['Zoë Müller', 12],
        ['Athletics – 🏈', 7],
      ],
    );
    expect(text.split('\n')).toEqual(['DASHBOARD       ADDED', '李 – Students       3', 'Zoë Müller         12', 'Athletics – 🏈      7']);
  });
});
