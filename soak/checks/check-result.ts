// What every check returns: a name the report prints, whether it held, one line of numbers,
// and each problem found (the report prints the first few).

export interface CheckResult {
  name: string;
  ok: boolean;
  summary: string;
  problems: string[];
}

export function result(name: string, summary: string, problems: string[]): CheckResult {
  return { name, ok: problems.length === 0, summary, problems };
}

export function sameMembers(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, ally] of a) if (b.get(id) !== ally) return false;
  return true;
}

/** "+2 (100241, 100250) −1 (100007)": how `actual` differs from `expected`. */
export function describeDifference(expected: ReadonlyMap<string, boolean>, actual: ReadonlyMap<string, boolean>): string {
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  const lacking = [...expected.keys()].filter((id) => !actual.has(id));
  const ally = [...actual.keys()].filter((id) => expected.has(id) && expected.get(id) !== actual.get(id));
  const list = (ids: string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
  return [
    extra.length > 0 ? `${extra.length} too many (${list(extra)})` : '',
    lacking.length > 0 ? `${lacking.length} lacking (${list(lacking)})` : '',
    ally.length > 0 ? `${ally.length} with the wrong ally flag (${list(ally)})` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
