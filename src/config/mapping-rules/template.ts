// Dashboard name templates: literal text with {placeholders}, e.g. "{school.name} – Grade {grade}".
// "{{" and "}}" stand for literal braces. Templates are parsed once, when the configuration is
// validated, so that a misspelt placeholder is a configuration error, never a strange name.

export type TemplatePart = { text: string } | { placeholder: string };

export interface Template {
  source: string;
  parts: readonly TemplatePart[];
  /** Every placeholder used, e.g. "teacher.lastName". */
  placeholders: ReadonlySet<string>;
}

export class TemplateSyntaxError extends Error {}

const PLACEHOLDER = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$/;

/** Throws TemplateSyntaxError with a sentence naming the problem, e.g. "unknown placeholder {student.hoomroom}". */
export function parseTemplate(source: string, allowed: readonly string[]): Template {
  const parts: TemplatePart[] = [];
  const placeholders = new Set<string>();
  let text = '';
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    const next = source[index + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      text += char;
      index++;
      continue;
    }
    if (char === '}') throw new TemplateSyntaxError(`a "}" at character ${index + 1} closes nothing (write "}}" for a literal brace)`);
    if (char !== '{') {
      text += char;
      continue;
    }
    const end = source.indexOf('}', index + 1);
    if (end < 0) throw new TemplateSyntaxError(`the "{" at character ${index + 1} is never closed (write "{{" for a literal brace)`);
    const name = source.slice(index + 1, end).trim();
    if (!PLACEHOLDER.test(name) || !allowed.includes(name)) {
      const choices =
        allowed.length > 0 ? `; this rule can use ${allowed.map((p) => `{${p}}`).join(', ')}` : '; this rule takes no placeholders';
      throw new TemplateSyntaxError(`unknown placeholder {${name}}${choices}`);
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ placeholder: name });
    placeholders.add(name);
    index = end;
  }
  if (text) parts.push({ text });
  return { source, parts, placeholders };
}

/** The literal text alone, without any placeholder: the shortest a name can be. */
export function literalText(template: Template): string {
  return template.parts.map((part) => ('text' in part ? part.text : '')).join('');
}

/** Each value is trimmed and its spaces collapsed first, so "Doe  Jr. " reads "Doe Jr." before a comma. */
export function renderTemplate(template: Template, values: Readonly<Record<string, string>>): string {
  return template.parts.map((part) => ('text' in part ? part.text : (values[part.placeholder] ?? '').replace(/\s+/g, ' ').trim())).join('');
}

/** True when the template uses any placeholder of the namespace ("school") or the name ("grade"). */
export function usesPlaceholder(template: Template, prefix: string): boolean {
  for (const name of template.placeholders) if (name === prefix || name.startsWith(`${prefix}.`)) return true;
  return false;
}
