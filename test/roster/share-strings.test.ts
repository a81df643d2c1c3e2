import { describe, expect, it } from 'vitest';
import { shareRosterStrings } from '../../src/roster/share-strings.js';
import { MemberList } from '../../src/desired/member-list.js';
import { generateDistrict } from '../helpers/district.js';

// Which copy of equal text a string is cannot be seen from JavaScript; what can be seen, and
// what the rest of the service relies on, is that no value changes.

describe('shareRosterStrings', () => {
  it('leaves every value of a district as it was', () => {
    const { roster } = generateDistrict({ seed: 11, students: 300 });
    const before = structuredClone(roster);
    expect(shareRosterStrings(roster)).toBe(roster);
    expect(roster).toEqual(before);
  });

  it('keeps an enrolment of a student the roster does not have', () => {
    const { roster } = generateDistrict({ seed: 12, students: 50 });
    roster.sections[0]?.studentKeys.push('not-a-student');
    shareRosterStrings(roster);
    expect(roster.sections[0]?.studentKeys.at(-1)).toBe('not-a-student');
  });
});

describe('MemberList.fromPairs sharing ids with today’s members', () => {
  it('gives the same members whatever today holds', () => {
    const pairs: Array<[string, boolean]> = [
      ['a', false],
      ['c', true],
      ['e', false],
    ];
    for (const today of [
      MemberList.of(['b', 'c', 'd', 'e', 'f']),
      MemberList.of([]),
      MemberList.of(['a', 'c', 'e']),
      new Map([['c', false]]),
    ]) {
      expect([...MemberList.fromPairs(pairs, today)]).toEqual([
        ['a', false],
        ['c', true],
        ['e', false],
      ]);
    }
  });
});
