import { isObject, asList } from './json-quirks.js';

// PowerSchool's error bodies, as one sentence: {"message":"..","errors":[{"field":..,"code":..}]}
// or OAuth's {"error":"invalid_client","error_description":".."}.

export function describePowerSchoolError(_status: number, body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.error === 'string') return [body.error, body.error_description].filter((p) => typeof p === 'string').join(': ');
  if (typeof body.message !== 'string') return undefined;
  const details = asList(body.errors)
    .filter(isObject)
    .map((e) => [e.field, e.code].filter((p) => typeof p === 'string').join(' '))
    .filter(Boolean);
  return details.length ? `${body.message} (${details.join('; ')})` : body.message;
}
