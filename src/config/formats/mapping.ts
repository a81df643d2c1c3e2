import convict from 'convict';
import { compileRules, RulesInvalidError } from '../mapping-rules/compile-rules.js';
import { withoutValueEcho } from './value-echo.js';

// Formats of mapping.*: the rules, validated field by field, and grade names.
// Each throws with a sentence that completes "<key>: ...".

/** From an environment variable, a list or object arrives as JSON text. */
function parseJsonText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

convict.addFormat({
  name: 'mapping-rules',
  validate(value: unknown) {
    if (typeof value === 'string') throw withoutValueEcho(new Error('must be a JSON list of rules; the text given is not valid JSON'));
    try {
      compileRules(value);
    } catch (error) {
      if (!(error instanceof RulesInvalidError)) throw error;
      const count = error.problems.length;
      throw withoutValueEcho(new Error(`${count} problem${count > 1 ? 's' : ''} in the rules:\n${error.problems.join('\n')}`));
    }
  },
  coerce: parseJsonText,
});

convict.addFormat({
  name: 'grade-names',
  validate(value: unknown) {
    const problem = 'must be an object from grade level to name, e.g. {"0": "K", "-1": "PK"}';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(problem);
    for (const [grade, name] of Object.entries(value)) {
      if (!/^-?\d+$/.test(grade)) throw new Error(`${problem}; "${grade}" is not a whole number`);
      if (typeof name !== 'string' || name.trim() === '') throw new Error(`${problem}; the name for grade ${grade} must be non-empty text`);
    }
  },
  coerce: parseJsonText,
});
