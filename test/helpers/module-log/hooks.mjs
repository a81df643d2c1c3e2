import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  const file = process.env.SIS_SYNC_TEST_MODULE_LOG;
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
