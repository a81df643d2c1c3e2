import { EXIT } from '../../errors.js';
import type { SimulatorEntry } from '../../sim/catalog.js';

/** `sis-sync sim <name>`: one simulator in the foreground until SIGTERM or SIGINT. */
export async function simCommand(
  entry: SimulatorEntry,
  common: { host: string; port: number },
  options: Record<string, string | undefined>,
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): Promise<number> {
  const sim = await entry.start(common, options);
  for (const line of sim.banner) out(line);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  await sim.close();
  out(`Stopped (${signal}).`);
  return EXIT.done;
}
