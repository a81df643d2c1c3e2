import type { Settings } from '../config/settings.js';
import { createAspirEduClient, createSource } from '../cli/wiring.js';
import type { Logger } from '../log/logger.js';
import { powerSchoolChecks } from '../sources/powerschool-api/checks.js';

// `sis-sync check`: every configured connection is tried, without changing anything. Each
// part of the service contributes its checks here; a check resolves to what it saw, or throws
// the error a person needs to read.

export interface Check {
  name: string;
  run(signal?: AbortSignal): Promise<string>;
}

export type CheckProvider = (settings: Settings, log: Logger) => Check[];

const sourceChecks: CheckProvider = (settings) => [
  {
    name: `Source (${settings.source.type})`,
    async run(signal) {
      const loaded = await createSource(settings).load(signal);
      return `read ${loaded.desired.size} dashboards${loaded.warnings.length ? `, ${loaded.warnings.length} warnings` : ''}`;
    },
  },
];

const aspireduChecks: CheckProvider = (settings, log) => [
  {
    name: 'AspirEDU API',
    async run() {
      const client = createAspirEduClient(settings, log);
      try {
        for await (const upload of client.listUploads()) return `token accepted; newest upload ${upload.id} (${upload.status})`;
        return 'token accepted; no uploads yet';
      } finally {
        await client.close();
      }
    },
  },
];

export const CHECK_PROVIDERS: readonly CheckProvider[] = [sourceChecks, powerSchoolChecks, aspireduChecks];

export function configuredChecks(settings: Settings, log: Logger): Check[] {
  return CHECK_PROVIDERS.flatMap((provider) => provider(settings, log));
}
