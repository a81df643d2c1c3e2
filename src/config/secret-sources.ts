import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { modeText, permissionsOf, readableBeyondOwner } from '../util/file-mode.js';
import { envNameFor, sensitiveKeys } from './schema.js';

// Secrets may come from three places besides the config file, in this order of precedence:
//   SIS_SYNC_ASPIREDU_TOKEN            the value itself
//   SIS_SYNC_ASPIREDU_TOKEN_FILE       a file holding it (Docker and Kubernetes secrets)
//   $CREDENTIALS_DIRECTORY/aspiredu.token   a systemd credential (LoadCredential=)
// This returns an environment in which each secret found in a file is set as its plain variable,
// so that convict applies it with environment precedence; a secret file other users may read
// adds a warning.

export function environmentWithSecretFiles(env: NodeJS.ProcessEnv, warnings: string[] = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const keyPath of sensitiveKeys) {
    const envName = envNameFor(keyPath);
    const fileVar = `${envName}_FILE`;
    const filePath = env[fileVar];
    if (filePath) {
      if (env[envName]) {
        throw new ConfigError(`Both ${envName} and ${fileVar} are set for ${keyPath}`, {
          code: 'CONFIG_SECRET_TWICE',
          key: keyPath,
          hint: `Unset one of them; ${fileVar} is the safer choice.`,
        });
      }
      out[envName] = readSecretFile(filePath, keyPath, fileVar, warnings);
      continue;
    }
    if (env[envName]) continue;
    const credentialsDir = env.CREDENTIALS_DIRECTORY;
    if (!credentialsDir) continue;
    const credential = [keyPath, keyPath.replaceAll('.', '_')].map((name) => join(credentialsDir, name)).find((path) => existsSync(path));
    if (credential) out[envName] = readSecretFile(credential, keyPath, 'systemd credential', warnings);
  }
  return out;
}

function readSecretFile(path: string, keyPath: string, origin: string, warnings: string[]): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the secret file for ${keyPath} (${origin}): ${path}`, {
      code: 'CONFIG_SECRET_FILE',
      key: keyPath,
      hint: 'Check that the file exists and that the service user may read it.',
      cause: error,
    });
  }
  const mode = permissionsOf(path);
  if (mode !== undefined && readableBeyondOwner(mode)) {
    warnings.push(`The secret file for ${keyPath} (${origin}) ${path} may be read by other users (mode ${modeText(mode)}): chmod 600 it.`);
  }
  // Editors and `echo` leave a trailing newline; a secret never ends in one.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') {
    throw new ConfigError(`The secret file for ${keyPath} (${origin}) is empty: ${path}`, {
      code: 'CONFIG_SECRET_FILE',
      key: keyPath,
    });
  }
  return value;
}
