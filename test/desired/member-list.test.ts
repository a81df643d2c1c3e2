import { describe, expect, it } from 'vitest';
import { MemberList } from '../../src/desired/member-list.js';
import { dashboardKeyString, membersFromJson, membersToJson, type DashboardMembers } from '../../src/desired/model.js';
import { computePlan } from '../../src/sync/plan.js';

describe('MemberList', () => {
  it('reads like the Map it replaces, in id order, with duplicates dropped', () => {
    const list = MemberList.of(['b', 'a', 'c', 'a'], ['c']);
    const map = new Map([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
    expect(list.size).toBe(3);
    expect([...list]).toEqual([...map]);
    expect([...list.keys()]).toEqual(['a', 'b', 'c']);
    expect([...list.values()]).toEqual([false, false, true]);
    expect(list.get('c')).toBe(true);
    expect(list.get('a')).toBe(false);
    expect(list.get('zz')).toBeUndefined();
    expect(list.has('b')).toBe(true);
    expect(list.has('')).toBe(false);
    const seen: string[] = [];
    list.forEach((ally, id) => seen.push(`${id}:${ally}`));
    expect(seen).toEqual(['a:false', 'b:false', 'c:true']);
  });

  it('keeps an already sorted array as it is, in code-unit order (not locale order)', () => {
    const ids = ['B', 'a', 'é'];
    expect(MemberList.of(ids).ids).toBe(ids);
    expect(MemberList.of(['é', 'a', 'B']).ids).toEqual(['B', 'a', 'é']);
  });

  it('finds every member and no one else by binary search', () => {
    const ids = Array.from({ length: 1001 }, (_, i) => String(i * 2).padStart(5, '0'));
    const list = MemberList.of([...ids].reverse());
    for (const id of ids) expect(list.has(id)).toBe(true);
    for (let i = 0; i < 1001; i++) expect(list.has(String(i * 2 + 1).padStart(5, '0'))).toBe(false);
  });

  it('round-trips through the stored form, allies included', () => {
    const list = MemberList.fromMap(
      new Map([
        ['t2', true],
        ['t1', false],
      ]),
    );
    expect(membersToJson(list)).toEqual([
      ['t1', false],
      ['t2', true],
    ]);
    expect([...membersFromJson(membersToJson(list))]).toEqual([...list]);
  });
});

describe('computePlan over MemberLists and Maps alike', () => {
  // A small seeded generator: the same cases on every run.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const someIds = () => Array.from({ length: Math.floor(random() * 30) }, () => `v${Math.floor(random() * 40)}`);

  it('finds exactly the added, removed and re-flagged members a set difference finds', () => {
    for (let round = 0; round < 200; round++) {
      const before = new Map(someIds().map((id) => [id, random() < 0.3] as const));
      const after = new Map(someIds().map((id) => [id, random() < 0.3] as const));
      const asList = round % 2 === 0;
      const dashboard = (members: Map<string, boolean>): DashboardMembers => ({
        dataType: 'viewer',
        account: '',
        name: 'D',
        idField: 'viewer_sis_id',
        members: asList ? MemberList.fromMap(members) : members,
      });
      const target = dashboard(after);
      const previous = dashboard(before);
      const [change] = computePlan(
        new Map([[dashboardKeyString(target), target]]),
        new Map([[dashboardKeyString(previous), previous]]),
      ).changes;
      const sorted = (ids: Iterable<string>) => [...ids].sort();
      expect(change?.added).toEqual(sorted([...after.keys()].filter((id) => !before.has(id))));
      expect(change?.removed).toEqual(sorted([...before.keys()].filter((id) => !after.has(id))));
      expect(change?.allyChanged).toEqual(sorted([...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id))));
    }
  });
});
