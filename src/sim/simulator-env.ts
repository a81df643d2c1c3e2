import type { AspirEduSim } from './aspiredu/server.js';
import type { MailSink } from './mail-sink.js';
import type { PowerSchoolSim } from './powerschool/server.js';

// The environment that points sis-sync at running simulators: their addresses and secrets, and
// the state directory, come in through the environment as they do in production, so that the
// configuration file stays the one a district would use.

export interface RunningSimulators {
  powerschool: Pick<PowerSchoolSim, 'url' | 'clientId' | 'clientSecret'>;
  aspiredu: Pick<AspirEduSim, 'url' | 'token'>;
  /** Where the digests go; without it, the configuration's own SMTP setting stands. */
  mail?: Pick<MailSink, 'url'>;
}

export function simulatorEnv(sims: RunningSimulators, stateDir: string): Record<string, string> {
  return {
    SIS_SYNC_ASPIREDU_URL: sims.aspiredu.url,
    SIS_SYNC_ASPIREDU_TOKEN: sims.aspiredu.token,
    SIS_SYNC_POWERSCHOOL_URL: sims.powerschool.url,
    SIS_SYNC_POWERSCHOOL_CLIENT_ID: sims.powerschool.clientId,
    SIS_SYNC_POWERSCHOOL_CLIENT_SECRET: sims.powerschool.clientSecret,
    ...(sims.mail ? { SIS_SYNC_NOTIFY_SMTP_URL: sims.mail.url } : {}),
    SIS_SYNC_STATE_DIR: stateDir,
  };
}
