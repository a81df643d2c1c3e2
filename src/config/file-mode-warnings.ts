import { join } from 'node:path';
import { modeText, permissionsOf, readableBeyondOwner, writableBeyondOwner } from '../util/file-mode.js';
import type { Settings } from './settings.js';
import { TOKEN_FILE } from './state-files.js';

// Files whose mode puts the service at risk, found when the configuration loads, so that every
// command logs them (event config.warning) and `config check` prints them. They warn rather than
// stop: the owner may have reasons (a shared admin group), and a run that stops helps nobody.

/** The config file decides which code runs as the service (mapping.module) and where data goes. */
export function configFileModeWarnings(file: string): string[] {
  const mode = permissionsOf(file);
  if (mode === undefined || !writableBeyondOwner(mode)) return [];
  return [
    `${file} may be changed by other users (mode ${modeText(mode)}); it decides which code runs as the service (mapping.module) and where rosters go: chmod go-w it.`,
  ];
}

/** The cached PowerSchool token works as the plugin for about 30 days. */
export function tokenCacheModeWarnings(settings: Settings): string[] {
  if (!settings.powerschool.tokenCache || settings.state.dir === '') return [];
  const file = join(settings.state.dir, TOKEN_FILE);
  const mode = permissionsOf(file);
  if (mode === undefined || !readableBeyondOwner(mode)) return [];
  return [`${file} (the cached PowerSchool token) may be read by other users (mode ${modeText(mode)}): chmod 600 it.`];
}
