import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'csv-parse/sync';
import { readBody, sendJson } from '../http-kit.js';
import type { AspirEduSimModel } from './model.js';

// The v1 Dashboard Students API (seed 002): synchronous. PUT replaces every student mapping of
// the account, PATCH adds to them. CSV rows may carry student_id or student_sis_id per row.

export async function applyV1StudentMappings(
  model: AspirEduSimModel,
  req: IncomingMessage,
  res: ServerResponse,
  method: 'PUT' | 'PATCH',
): Promise<void> {
  const contentType = req.headers['content-type'] ?? '';
  const text = (await readBody(req)).toString('utf8');
  let rows: Array<Record<string, unknown>>;
  try {
    rows = contentType.startsWith('text/csv')
      ? (parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, unknown>>)
      : (JSON.parse(text) as Array<Record<string, unknown>>);
  } catch (error) {
    return sendJson(res, 400, { detail: `Parse error - ${(error as Error).message}` });
  }
  if (!Array.isArray(rows) || rows.length === 0) return sendJson(res, 422, { detail: 'No dashboard mappings were given.' });
  if (method === 'PUT') for (const dashboard of model.dashboardsIn('')) dashboard.students.clear();
  const missing: Record<string, string[]> = {};
  for (const row of rows) {
    const idField = row.student_id ? 'student_id' : 'student_sis_id';
    const value = String(row[idField] ?? '');
    const user = model.findUser('student', idField, value);
    if (!user) {
      (missing[idField] ??= []).push(value);
      continue;
    }
    model.dashboardOrCreate('', String(row.dashboard_name)).students.add(user.id);
  }
  if (Object.keys(missing).length > 0) return sendJson(res, 200, { detail: 'Some students could not be found.', missing });
  sendJson(res, 200, { detail: 'Dashboard mappings saved.', missing: {} });
}
