import { z } from 'zod';
import { ApiError } from '../errors.js';
import { UPLOAD_STATUSES } from './types.js';

// AspirEDU's answers are checked where they enter, so that a surprise becomes one clear error
// here and not an `undefined` three modules later. Unknown extra fields are allowed.

const id = z.union([z.string(), z.number()]).transform(String);

export const uploadSummarySchema = z.object({
  id,
  created: z.string(),
  href: z.string().default(''),
  user: z.string().nullable().default(''),
  data_type: z.enum(['student', 'viewer']),
  upload_type: z.enum(['api', 'web']),
  status: z.enum(UPLOAD_STATUSES as [string, ...string[]]),
  clear_existing_policy: z.enum(['none', 'all', 'contained']),
  file_url: z.string().nullable().default(null),
});

export const uploadDetailSchema = uploadSummarySchema.extend({
  error: z
    .object({ message: z.string().optional() })
    .passthrough()
    .nullable()
    .default({})
    .transform((value) => value ?? {}),
  missing: z
    .record(z.string(), z.array(id))
    .nullable()
    .default({})
    .transform((value) => value ?? {}),
});

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    next: z.string().nullable().default(null),
    previous: z.string().nullable().optional(),
    results: z.array(item),
  });
}

export const dashboardSchema = z.object({ id, name: z.string() });

export const dashboardMemberSchema = z.object({
  id,
  sis_id: z
    .union([z.string(), z.number()])
    .nullable()
    .default(null)
    .transform((value) => (value === null ? null : String(value))),
  is_ally: z.boolean().optional(),
});

export function parseResponse<S extends z.ZodTypeAny>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
    .join('; ');
  throw new ApiError(`AspirEDU answered ${what} in an unexpected shape: ${problems}`, {
    service: 'AspirEDU',
    kind: 'aspiredu',
    code: 'API_BAD_RESPONSE',
    retryable: false,
    mayHaveReachedServer: true,
    body,
    hint: 'The API may have changed, or a proxy altered the answer. Check aspiredu.url.',
  });
}
