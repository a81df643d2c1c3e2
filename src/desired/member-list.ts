// The members of one dashboard as a sorted array of ids and the few allies beside it. A district's
// desired state and its snapshots hold every membership once each, a million in a large one; a
// Map spends about 40 bytes an entry on its hash table, this 4 (the ids are strings the roster or
// the stored JSON already holds). Sorted, two lists compare in one walk (see plan.ts).

/** Code-unit order, that of compareStrings and of sort() without a comparator. */
function isSortedUnique(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as string) >= (ids[i] as string)) return false;
  return true;
}

function sortUnique(ids: string[]): string[] {
  if (isSortedUnique(ids)) return ids;
  ids.sort();
  let kept = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[kept - 1]) ids[kept++] = ids[i] as string;
  ids.length = kept;
  return ids;
}

/** Where the two sorted lists hold equal ids, `ids` takes the string `from` holds. */
function shareEqualIds(ids: string[], from: readonly string[]): void {
  let j = 0;
  for (let i = 0; i < ids.length && j < from.length; i++) {
    const id = ids[i] as string;
    while (j < from.length && (from[j] as string) < id) j++;
    if (j < from.length && from[j] === id) ids[i] = from[j++] as string;
  }
}

export class MemberList implements ReadonlyMap<string, boolean> {
  static readonly EMPTY = new MemberList([], undefined);

  private constructor(
    /** Sorted in code-unit order, no id twice. */
    readonly ids: readonly string[],
    private readonly allies: ReadonlySet<string> | undefined,
  ) {}

  /** Takes ownership of `ids` (sorted and deduplicated in place when they are not already). */
  static of(ids: string[], allies?: Iterable<string>): MemberList {
    const allySet = allies ? new Set(allies) : undefined;
    return new MemberList(sortUnique(ids), allySet && allySet.size > 0 ? allySet : undefined);
  }

  static fromMap(members: ReadonlyMap<string, boolean>): MemberList {
    if (members instanceof MemberList) return members;
    const allies: string[] = [];
    members.forEach((ally, id) => ally && allies.push(id));
    return MemberList.of([...members.keys()], allies);
  }

  /**
   * From the stored form, [id, isAlly] pairs (membersToJson). With `shareWith`, the same
   * dashboard as the source gives it today: ids in both are held as its strings, not as the
   * copies JSON.parse made, so yesterday's snapshot costs little more than the list of changes.
   */
  static fromPairs(pairs: ReadonlyArray<readonly [string, boolean]>, shareWith?: ReadonlyMap<string, boolean>): MemberList {
    const ids = new Array<string>(pairs.length);
    const allies: string[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const [id, ally] = pairs[i] as readonly [string, boolean];
      ids[i] = id;
      if (ally) allies.push(id);
    }
    const list = MemberList.of(ids, allies);
    // The list's own array (sorted now): replacing an id by an equal string changes nothing else.
    if (shareWith instanceof MemberList) shareEqualIds(list.ids as string[], shareWith.ids);
    return list;
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.ids[middle] as string;
      if (at === id) return true;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** viewer_is_ally; undefined for someone who is not a member. */
  get(id: string): boolean | undefined {
    if (!this.has(id)) return undefined;
    return this.allies?.has(id) ?? false;
  }

  isAlly(id: string): boolean {
    return this.allies?.has(id) ?? false;
  }

  forEach(callback: (ally: boolean, id: string, map: ReadonlyMap<string, boolean>) => void, thisArg?: unknown): void {
    for (const id of this.ids) callback.call(thisArg, this.isAlly(id), id, this);
  }

  keys(): MapIterator<string> {
    return this.ids[Symbol.iterator]() as MapIterator<string>;
  }

  *values(): MapIterator<boolean> {
    for (const id of this.ids) yield this.isAlly(id);
  }

  *entries(): MapIterator<[string, boolean]> {
    for (const id of this.ids) yield [id, this.isAlly(id)];
  }

  [Symbol.iterator](): MapIterator<[string, boolean]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'MemberList';
  }
}
