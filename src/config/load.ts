import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import convict from 'convict';
import JSON5 from 'json5';
import { ConfigError } from '../errors.js';
import { registerSecret } from '../util/secrets.js';
import { modeText, readableBeyondOwner } from '../util/file-mode.js';
import { configFileModeWarnings, tokenCacheModeWarnings } from './file-mode-warnings.js';
import { isPlainHttp, redactUrl } from './formats/url.js';
import { environmentWithSecretFiles } from './secret-sources.js';
import { envNameFor, pathKeys, schema, sensitiveKeys } from './schema.js';
import type { Settings } from './settings.js';

export interface LoadOptions {
  /** The config file (`--config`); falls back to SIS_SYNC_CONFIG, then to none. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface LoadedConfig {
  settings: Settings;
  /** Absolute path of the file read, if any. */
  file: string | undefined;
  /** Things a person should know that do not stop the service. */
  warnings: string[];
  /** The effective configuration as JSON, secrets masked. */
  masked(): string;
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  return buildConfig(options, (error) => {
    throw error;
  });
}

/**
 * Every problem of a configuration at once, for `sis-sync config check`: the settings as far as
 * they could be read, and each problem convict and the checks after it found. A file that is
 * missing or is not JSON still throws: there is nothing to review.
 */
export function reviewConfig(options: LoadOptions = {}): { loaded: LoadedConfig; problems: ConfigError[] } {
  const problems: ConfigError[] = [];
  const loaded = buildConfig(options, (error) => problems.push(error), true);
  return { loaded, problems };
}

/** `onePerKey`: each setting convict refuses is a problem of its own, rather than one error listing them. */
function buildConfig(options: LoadOptions, problem: (error: ConfigError) => void, onePerKey = false): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fileOption = options.file ?? env.SIS_SYNC_CONFIG;
  const file = fileOption ? resolve(cwd, fileOption) : undefined;
  const fromFile = file ? readConfigFile(file) : {};
  const warnings = file ? [...plainSecretWarnings(file, fromFile), ...configFileModeWarnings(file)] : [];

  const config = convict(schema, { env: environmentWithSecretFiles(env, warnings), args: [] });
  config.load(fromFile);
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    if (onePerKey)
      for (const line of convictLines(error, env)) problem(new ConfigError(line, { code: 'CONFIG_INVALID', key: keyOf(line) }));
    else problem(configErrorFromConvict(error, file, env));
  }

  const settings = config.getProperties() as Settings;
  resolvePaths(settings, fromFile, file ? dirname(file) : cwd, cwd);
  try {
    checkUrlSchemes(settings);
  } catch (error) {
    problem(error as ConfigError);
  }
  warnings.push(...tokenCacheModeWarnings(settings));
  for (const keyPath of sensitiveKeys) registerSecret(getPath(settings, keyPath) as string);

  return { settings, file, warnings, masked: () => config.toString() };
}

function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) {
    throw new ConfigError(`Config file not found: ${file}`, {
      code: 'CONFIG_FILE_MISSING',
      key: 'config',
      hint: 'Pass --config <file> or set SIS_SYNC_CONFIG to an existing JSON file.',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON5.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Config file ${file} is not valid JSON: ${(error as Error).message}`, {
      code: 'CONFIG_FILE_SYNTAX',
      key: 'config',
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Config file ${file} must hold one JSON object`, { code: 'CONFIG_FILE_SYNTAX', key: 'config' });
  }
  return parsed as Record<string, unknown>;
}

/**
 * Convict reports every problem on its own line: "aspiredu.url: must be a URL ...: value was ...".
 * A line about a key set in the environment names the variable too, as that is where to fix it.
 */
function configErrorFromConvict(error: unknown, file: string | undefined, env: NodeJS.ProcessEnv): ConfigError {
  const lines = convictLines(error, env);
  const key = keyOf(lines[0] ?? 'invalid configuration');
  const where = file ? ` (from ${file} or SIS_SYNC_* environment variables)` : '';
  return new ConfigError(`Invalid configuration${where}:\n  ${lines.join('\n  ')}`, {
    code: 'CONFIG_INVALID',
    key,
    hint: 'See docs/reference/configuration.md for every key and what it expects.',
  });
}

function convictLines(error: unknown, env: NodeJS.ProcessEnv): string[] {
  return String((error as Error).message)
    .split('\n')
    .filter(Boolean)
    .map((line) => withEnvironmentName(line, env));
}

function keyOf(line: string): string | undefined {
  return /^configuration param '([^']+)'/.exec(line)?.[1] ?? line.split(':')[0];
}

function withEnvironmentName(line: string, env: NodeJS.ProcessEnv): string {
  const key = /^([A-Za-z0-9.]+): /.exec(line)?.[1];
  if (!key) return line;
  const envName = envNameFor(key);
  if (env[envName] !== undefined) return `${line} (from ${envName})`;
  if (env[`${envName}_FILE`] !== undefined) return `${line} (from ${envName}_FILE)`;
  return line;
}

/**
 * Relative paths written in the config file are relative to that file, so that the service
 * finds them whatever its working directory; paths from the environment are relative to it.
 */
function resolvePaths(settings: Settings, fromFile: Record<string, unknown>, fileDir: string, cwd: string): void {
  for (const keyPath of pathKeys) {
    const value = getPath(settings, keyPath);
    if (typeof value !== 'string' || value === '' || isAbsolute(value)) continue;
    const base = getPath(fromFile, keyPath) === value ? fileDir : cwd;
    setPath(settings, keyPath, resolve(base, value));
  }
}

/** Runs after validation: every URL setting here parses, without user info or query. */
function checkUrlSchemes(settings: Settings): void {
  if (settings.allowInsecureHttp) return;
  for (const keyPath of ['aspiredu.url', 'powerschool.url', 'web.publicUrl']) {
    const value = getPath(settings, keyPath);
    if (typeof value !== 'string' || value === '') continue;
    if (isPlainHttp(value)) {
      const sent = keyPath === 'web.publicUrl' ? 'approval links' : 'the token';
      throw new ConfigError(`${keyPath} uses http://, which would send ${sent} unencrypted: ${redactUrl(new URL(value))}`, {
        code: 'CONFIG_INSECURE_URL',
        key: keyPath,
        hint: 'Use https://. Only the built-in simulators and tests may set allowInsecureHttp: true.',
      });
    }
  }
}

function plainSecretWarnings(file: string, fromFile: Record<string, unknown>): string[] {
  const inFile = sensitiveKeys.filter((keyPath) => getPath(fromFile, keyPath));
  if (inFile.length === 0) return [];
  const mode = statSync(file).mode & 0o777;
  return [
    `${file} holds ${inFile.join(', ')} in plain text` +
      (readableBeyondOwner(mode) ? ` and other users may read it (mode ${modeText(mode)}): chmod 600 it,` : ',') +
      ' or move the secret to a *_FILE variable or a systemd credential.',
  ];
}

export function getPath(object: unknown, keyPath: string): unknown {
  let node: unknown = object;
  for (const part of keyPath.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(object: object, keyPath: string, value: unknown): void {
  const parts = keyPath.split('.');
  const last = parts.pop() as string;
  let node = object as Record<string, unknown>;
  for (const part of parts) node = node[part] as Record<string, unknown>;
  node[last] = value;
}

/** Commands that talk to a service call this before anything else. */
export function requireSettings(settings: Settings, keyPaths: string[]): void {
  const missing = keyPaths.filter((keyPath) => getPath(settings, keyPath) === '');
  if (missing.length === 0) return;
  throw new ConfigError(`Missing setting${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, {
    code: 'CONFIG_MISSING',
    key: missing[0],
    hint: 'Set them in the config file or as SIS_SYNC_* environment variables (see docs/reference/configuration.md).',
  });
}
