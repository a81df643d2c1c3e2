import convict from 'convict';
import './formats.js';
import { aspireduSchema } from './sections/aspiredu.js';
import { credentialsSchema } from './sections/credentials.js';
import { daemonSchema } from './sections/daemon.js';
import { driftSchema } from './sections/drift.js';
import { generalSchema } from './sections/general.js';
import { guardSchema } from './sections/guard.js';
import { notifySchema } from './sections/notify.js';
import { oracleSchema } from './sections/oracle.js';
import { mappingSchema } from './sections/mapping.js';
import { powerschoolSchema } from './sections/powerschool.js';
import { sourceSchema } from './sections/source.js';
import { syncSchema } from './sections/sync.js';
import { webSchema } from './sections/web.js';
import type { Settings } from './settings.js';

// The configuration schema: every key, its meaning, format and default, one file per domain
// under sections/. Environment variable names are derived from the key path (`envNameFor`) so
// that they cannot drift from it.

const schema: convict.Schema<Settings> = {
  ...aspireduSchema,
  ...sourceSchema,
  ...mappingSchema,
  ...powerschoolSchema,
  ...oracleSchema,
  ...syncSchema,
  ...daemonSchema,
  ...webSchema,
  ...driftSchema,
  ...credentialsSchema,
  ...guardSchema,
  ...notifySchema,
  ...generalSchema,
};

export function envNameFor(keyPath: string): string {
  const snake = keyPath
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))
    .join('_');
  return `SIS_SYNC_${snake.toUpperCase()}`;
}

export interface SchemaLeaf {
  default: unknown;
  env?: string;
  sensitive?: boolean;
  doc?: string;
  format?: unknown;
}

function isLeaf(node: unknown): node is SchemaLeaf {
  return typeof node === 'object' && node !== null && 'default' in node;
}

/** Calls `visit` for every key of the schema with its dotted path. */
export function forEachSetting(visit: (keyPath: string, leaf: SchemaLeaf) => void, node: unknown = schema, prefix = ''): void {
  for (const [name, child] of Object.entries(node as Record<string, unknown>)) {
    const keyPath = prefix ? `${prefix}.${name}` : name;
    if (isLeaf(child)) visit(keyPath, child);
    else forEachSetting(visit, child, keyPath);
  }
}

function keysWhere(test: (leaf: SchemaLeaf) => boolean): string[] {
  const keys: string[] = [];
  forEachSetting((keyPath, leaf) => {
    if (test(leaf)) keys.push(keyPath);
  });
  return keys;
}

forEachSetting((keyPath, leaf) => {
  leaf.env = envNameFor(keyPath);
});

/** Secrets: masked in output, also read from *_FILE variables and systemd credentials. */
export const sensitiveKeys: readonly string[] = keysWhere((leaf) => leaf.sensitive === true);

/** Settings that hold file system paths; relative ones are resolved when the config loads. */
export const pathKeys: readonly string[] = keysWhere((leaf) => leaf.format === 'path');

export { schema };
