import type { z } from 'zod';

// zod's issues as the sentences a district IT person reads: `field "viewers[1].ally": expected
// true or false`, not "Invalid input: expected boolean, received string".

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([...])',
  object: 'an object ({...})',
  record: 'an object ({...})',
};

export interface IssueLine {
  /** "viewers[1].ally"; empty for the rule itself. */
  field: string;
  message: string;
}

export function issueLines(issues: readonly z.core.$ZodIssue[]): IssueLine[] {
  const lines: IssueLine[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push({ field: fieldPath([...issue.path, key]), message: 'unknown field' });
      continue;
    }
    lines.push({ field: fieldPath(issue.path), message: issueMessage(issue) });
  }
  return lines;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing; expected ${expected(issue.expected)}` : `expected ${expected(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'has the wrong type';
    default:
      return issue.message;
  }
}

function expected(name: string): string {
  return EXPECTED[name] ?? name;
}
