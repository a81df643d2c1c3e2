import { userInfo } from 'node:os';

/** Who ran a command, for the log lines of approvals and overrides. */
export function whoRan(env: NodeJS.ProcessEnv = process.env): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry.
    user = `uid ${process.getuid?.() ?? 'unknown'}`;
  }
  return env.SUDO_USER && env.SUDO_USER !== user ? `${env.SUDO_USER} (as ${user} via sudo)` : user;
}
