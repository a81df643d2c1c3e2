import type { AspirEduSettings } from './sections/aspiredu.js';
import type { CredentialSettings } from './sections/credentials.js';
import type { DaemonSettings } from './sections/daemon.js';
import type { DriftSettings } from './sections/drift.js';
import type { GeneralSettings } from './sections/general.js';
import type { GuardSettings } from './sections/guard.js';
import type { NotifySettings } from './sections/notify.js';
import type { OracleSettings } from './sections/oracle.js';
import type { MappingSettings } from './sections/mapping.js';
import type { PowerSchoolSettings } from './sections/powerschool.js';
import type { SourceSettings } from './sections/source.js';
import type { SyncSettings } from './sections/sync.js';
import type { WebSettings } from './sections/web.js';

/** The validated configuration, as the rest of the code sees it (one part per schema section). */
export type Settings = AspirEduSettings &
  SourceSettings &
  PowerSchoolSettings &
  OracleSettings &
  MappingSettings &
  SyncSettings &
  GuardSettings &
  NotifySettings &
  DaemonSettings &
  WebSettings &
  DriftSettings &
  CredentialSettings &
  GeneralSettings;
