import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { startAspirEduSim } from '../../sim/aspiredu/server.js';
import { createContext } from '../context.js';
import { onceCommand } from './once.js';
import { statusCommand } from './status.js';

// `sis-sync demo`: the whole product against the built-in AspirEDU simulator, with the sample
// rows in config/demo, no credentials and nothing left behind (unless --keep).

/** Same depth from src/ and dist/: <root>/{src,dist}/cli/commands. */
export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../config/demo');

/** A student in the sample rows that the simulated AspirEDU does not know, to show missing users. */
const UNKNOWN_STUDENT = '100999';

export async function demoCommand(options: { keep?: boolean; logLevel?: string }): Promise<number> {
  const students = sampleIds('students.csv', 'student_sis_id').filter((id) => id !== UNKNOWN_STUDENT);
  const viewers = sampleIds('viewers.csv', 'viewer_sis_id');
  const sim = await startAspirEduSim({
    processingDelayMs: 300,
    students: students.map((sisId) => ({ sisId })),
    viewers: viewers.map((sisId) => ({ sisId })),
  });
  const dir = mkdtempSync(join(tmpdir(), 'sis-sync-demo-'));
  const configFile = join(dir, 'sis-sync.json');
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        aspiredu: { url: sim.url, pollIntervalSeconds: 0.2, pollMaxIntervalSeconds: 1 },
        allowInsecureHttp: true,
        state: { dir: join(dir, 'state') },
        source: { type: 'file', files: { students: join(DEMO_DIR, 'students.csv'), viewers: join(DEMO_DIR, 'viewers.csv') } },
      },
      null,
      2,
    ),
  );
  const print = (text: string) => process.stdout.write(`${text}\n`);
  try {
    print(`AspirEDU simulator listening on ${sim.url}; state in ${dir}/state\n`);
    // The token comes in through the environment, as it would in production.
    const env = { ...process.env, SIS_SYNC_ASPIREDU_TOKEN: sim.token };
    const ctx = createContext({ config: configFile, logLevel: options.logLevel ?? 'warn', env });
    print('== First run: every dashboard is new ==');
    const first = await onceCommand(ctx, {}, 'demo');
    print('\n== Second run: nothing changed, nothing is uploaded ==');
    const second = await onceCommand(ctx, {}, 'demo');
    print('\n== sis-sync status ==');
    await statusCommand(ctx, { limit: 5 });
    print(
      `\nThe simulator now holds ${sim.model.dashboards.size} dashboards; ${sim.requests.filter((r) => r.method === 'POST').length} uploads were made in all.`,
    );
    return first === 0 && second === 0 ? 0 : 1;
  } finally {
    await sim.close();
    if (options.keep) print(`Kept ${dir} (config, state).`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function sampleIds(file: string, column: string): string[] {
  const rows = parse(readFileSync(join(DEMO_DIR, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
  return [...new Set(rows.map((row) => row[column] ?? ''))];
}
