import { describe, expect, it } from 'vitest';
import { openState } from '../../src/state/store.js';
import { MemberList } from '../../src/desired/member-list.js';
import { dashboardKeyString, membersToJson, type DashboardMembers } from '../../src/desired/model.js';
import { isStoredFormOf } from '../../src/desired/stored-members.js';
import { recordLastUpload } from '../../src/sim/recorded-upload.js';
import { tempDir } from '../helpers/temp.js';

const stored = (list: MemberList) => JSON.stringify(membersToJson(list));

describe('isStoredFormOf', () => {
  // A small seeded generator: the same cases on every run.
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ALPHABET = ['a', 'B', '7', '~', 'é', '中', '😀', ' ', '"', '\\', '\n', '\u0001', ',', ']', '['];
  const someId = () =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)] as string).join('');
  const someList = () => {
    const ids = Array.from({ length: Math.floor(random() * 8) }, someId);
    return MemberList.of(
      ids,
      ids.filter(() => random() < 0.3),
    );
  };

  it('recognises a list exactly when it is what the state store wrote for it', () => {
    for (let n = 0; n < 2000; n++) {
      const list = someList();
      const other = someList();
      const plain = list.ids.every((id) => !/["\\\u0000-\u001f]/.test(id));
      // Ids JSON would escape are never recognised, only parsed: false is always safe.
      expect(isStoredFormOf(stored(list), list)).toBe(plain);
      expect(isStoredFormOf(stored(other), list)).toBe(plain && stored(other) === stored(list));
    }
  });

  it('tells apart lists that differ in one member, one ally flag, or one character', () => {
    const list = MemberList.of(['S1', 'S2', 'T9'], ['T9']);
    expect(isStoredFormOf('[["S1",false],["S2",false],["T9",true]]', list)).toBe(true);
    expect(isStoredFormOf('[["S1",false],["S2",false],["T9",false]]', list)).toBe(false);
    expect(isStoredFormOf('[["S1",false],["S2",false]]', list)).toBe(false);
    expect(isStoredFormOf('[["S1",false],["S2",false],["T9",true],["U1",false]]', list)).toBe(false);
    expect(isStoredFormOf('[["S1",false],["S2",false],["T90",true]]', list)).toBe(false);
    expect(isStoredFormOf('[["S1",false], ["S2",false],["T9",true]]', list)).toBe(false);
    expect(isStoredFormOf('[["S1",false],["S2",false],["T9",true]] ', list)).toBe(false);
    expect(isStoredFormOf('[]', MemberList.EMPTY)).toBe(true);
    expect(isStoredFormOf('[]', list)).toBe(false);
    expect(isStoredFormOf('', MemberList.EMPTY)).toBe(false);
    expect(isStoredFormOf('[]', new Map())).toBe(false); // only MemberLists are compared
  });

  it('is not fooled by an id that spells out several members', () => {
    const pairs = MemberList.of(['a', 'b']);
    expect(isStoredFormOf(stored(pairs), MemberList.of(['a",false],["b']))).toBe(false);
  });
});

describe('Snapshots.all against today’s members', () => {
  it('holds an unchanged dashboard as today’s list itself and parses a changed one', () => {
    const store = openState(tempDir());
    const dashboard = (name: string, ids: string[], allies: string[] = []): DashboardMembers => ({
      dataType: name.startsWith('V') ? 'viewer' : 'student',
      account: '',
      name,
      idField: name.startsWith('V') ? 'viewer_sis_id' : 'student_sis_id',
      members: MemberList.of(ids, allies),
    });
    const yesterday = [dashboard('Grade 9', ['S1', 'S2']), dashboard('Grade 10', ['S3', 'S4']), dashboard('V Staff', ['T1', 'T2'], ['T1'])];
    recordLastUpload(store, yesterday);
    const today = [dashboard('Grade 9', ['S1', 'S2']), dashboard('Grade 10', ['S3', 'S5']), dashboard('V Staff', ['T1', 'T2'], ['T2'])];
    const desired = new Map(today.map((d) => [dashboardKeyString(d), d]));
    const snapshots = store.snapshots.all(desired);
    const members = (name: string) => [...snapshots.values()].find((d) => d.name === name)?.members;
    expect(members('Grade 9')).toBe(today[0]?.members);
    expect([...(members('Grade 10') ?? [])]).toEqual([
      ['S3', false],
      ['S4', false],
    ]);
    expect([...(members('V Staff') ?? [])]).toEqual([
      ['T1', true],
      ['T2', false],
    ]);
    expect(store.snapshots.all().get(dashboardKeyString(today[0] as DashboardMembers))?.members).not.toBe(today[0]?.members);
    store.close();
  });
});
