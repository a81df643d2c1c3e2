import { Command, CommanderError, Option } from 'commander';
import { UPLOAD_STATUSES } from '../aspiredu/types.js';
import { approveCommand } from './commands/approve.js';
import { checkCommand } from './commands/check.js';
import { configCheckCommand } from './commands/config-check.js';
import { driftCommand } from './commands/drift.js';
import { historyCommand } from './commands/history.js';
import { notifyTestCommand } from './commands/notify-test.js';
import { onceCommand, type OnceOptions } from './commands/once.js';
import { DEFAULT_NAMES_PER_DASHBOARD, planCommand, type PlanOptions } from './commands/plan.js';
import { rollbackCommand } from './commands/rollback.js';
import { healthcheckCommand } from './commands/healthcheck.js';
import { runCommand } from './commands/run.js';
import { simCommand } from './commands/sim.js';
import { missingCommand } from './commands/missing.js';
import { statusCommand } from './commands/status.js';
import { uploadCommand, uploadsCommand, type UploadsOptions } from './commands/uploads.js';
import { createContext, type GlobalOptions } from './context.js';
import { parseCount, parseCountOrZero, parsePort } from './option-values.js';
import { describeError, EXIT, exitCodeFor } from '../errors.js';
import { scrubSecrets } from '../util/secrets.js';
import { LOG_FORMATS } from '../log/log-format.js';
import { SIMULATORS } from '../sim/catalog.js';
import { packageVersion } from '../util/package-version.js';

// The command line. Each command returns its exit code; errors are mapped here and only here:
// 0 done (missing users included), 1 failed, 2 bad configuration or usage, 3 held by the guard.

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.done;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.done : EXIT.badConfig;
    }
    process.stderr.write(`${scrubSecrets(`error: ${describeError(error)}`)}\n`);
    return exitCodeFor(error);
  }
}

/** `--help` lists commands under these headings, in this order of first use. */
const GROUP = {
  DAILY: 'Daily use:',
  INVESTIGATE: 'Investigation:',
  SAFETY: 'Safety (held runs, undo):',
  SETUP: 'Setup:',
  SERVICE: 'Service:',
  DEMO: 'Demo and simulators:',
} as const;

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sis-sync')
    .description('Keeps AspirEDU dashboards in step with your student information system')
    .option('-c, --config <file>', 'configuration file (JSON); default: $SIS_SYNC_CONFIG')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addOption(
      new Option(
        '--log-format <format>',
        'json, pretty or quiet (default: $SIS_SYNC_LOG_FORMAT; quiet on a terminal, json elsewhere)',
      ).choices(LOG_FORMATS),
    )
    .option('-v, --verbose', 'every log event on the terminal, pretty-printed (instead of warnings only)')
    .version(packageVersion(), '-V, --version', 'print the version of sis-sync')
    .exitOverride()
    .showHelpAfterError('(run "sis-sync --help" for usage)');

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const action =
    <A extends unknown[]>(run: (...args: A) => Promise<number>) =>
    async (...args: A) =>
      setExit(await run(...args));

  program
    .command('once')
    .helpGroup(GROUP.DAILY)
    .description('run one sync now: upload what changed, poll to the end, record; exit 0 done, 1 failed, 3 held')
    .option('--json', 'print the run report as JSON')
    .option('--allow-deletes', 'let this one run through the safety guard (logged with your user name)')
    .action(action(async (options: OnceOptions) => onceCommand(createContext(globals()), options)));

  program
    .command('approve')
    .argument('<run>', 'the number of the held run, as the held report, `status` and the held digest name it')
    .helpGroup(GROUP.SAFETY)
    .description('apply the plan a held run would have applied, once, if the source still gives the same plan')
    .option('--json', 'print the run report as JSON')
    .action(action(async (run: string, options: { json?: boolean }) => approveCommand(createContext(globals()), run, options)));

  program
    .command('run')
    .helpGroup(GROUP.SERVICE)
    .description('the daemon: run on schedule.cron until SIGTERM or SIGINT, serving /healthz and /metrics')
    .action(action(async () => runCommand(createContext(globals()))));

  program
    .command('healthcheck')
    .helpGroup(GROUP.SERVICE)
    .description("ask a running daemon's /healthz; exit 0 when healthy, 1 otherwise (for container HEALTHCHECKs)")
    .option('--url <url>', 'the health server (default: from health.host and health.port)')
    .action(action(async (options: { url?: string }) => healthcheckCommand(() => createContext(globals()), options)));

  const sim = program
    .command('sim')
    .helpGroup(GROUP.DEMO)
    .description('run a built-in simulator in the foreground (for the demo stack and trials)');
  for (const entry of SIMULATORS) {
    const command = sim
      .command(entry.name)
      .description(entry.description)
      .option('--host <address>', 'address to bind', '127.0.0.1')
      .option('--port <port>', 'port to listen on', parsePort, entry.defaultPort);
    for (const option of entry.options) command.option(option.flags, option.description, option.default);
    command.action(
      action(async (options: Record<string, string | undefined> & { host: string; port: number }) => {
        const { host, port, ...own } = options;
        return simCommand(entry, { host, port }, own);
      }),
    );
  }

  program
    .command('plan')
    .helpGroup(GROUP.DAILY)
    .description('show what a run would change, per dashboard, with the people added and removed; changes nothing')
    .option('--json', 'print the plan as JSON')
    .option('--all', 'list unchanged dashboards too')
    .option('--explain <dashboard>', 'show which rule makes this dashboard and why each member is on it')
    .option('--names <count>', 'people listed per dashboard for added and for removed', parseCountOrZero, DEFAULT_NAMES_PER_DASHBOARD)
    .action(action(async (options: PlanOptions) => planCommand(createContext(globals()), options)));

  program
    .command('drift')
    .helpGroup(GROUP.INVESTIGATE)
    .description('compare what AspirEDU holds with what was last uploaded: changes made in the web application, unmanaged dashboards')
    .option('--json', 'print as JSON')
    .option('--reconcile', 'then upload the drifted managed dashboards again from the source, through the safety guard')
    .action(action(async (options: { json?: boolean; reconcile?: boolean }) => driftCommand(createContext(globals()), options)));

  program
    .command('history')
    .helpGroup(GROUP.INVESTIGATE)
    .description('runs that changed dashboards, newest first, for rollback')
    .option('--json', 'print as JSON')
    .option('-n, --limit <count>', 'runs to list', parseCount, 20)
    .action(action(async (options: { json?: boolean; limit: number }) => historyCommand(createContext(globals()), options)));

  program
    .command('rollback')
    .argument('<run>', 'the number of a run that changed dashboards, as `history` lists it')
    .helpGroup(GROUP.SAFETY)
    .description('upload the dashboards a run changed as they were before it, through the safety guard')
    .option('--json', 'print the run report as JSON')
    .option('--allow-deletes', 'let this rollback through the safety guard (logged with your user name)')
    .action(
      action(async (run: string, options: { json?: boolean; allowDeletes?: boolean }) =>
        rollbackCommand(createContext(globals()), run, options),
      ),
    );

  program
    .command('status')
    .helpGroup(GROUP.DAILY)
    .description('recent runs, uploads in flight and what is managed, from the state store')
    .option('--json', 'print as JSON')
    .option('-n, --limit <count>', 'runs to list', parseCount, 10)
    .action(action(async (options: { json?: boolean; limit: number }) => statusCommand(createContext(globals()), options)));

  program
    .command('missing')
    .helpGroup(GROUP.DAILY)
    .description('everyone AspirEDU did not know at the last upload that named them, with name, school and dashboards')
    .option('--json', 'print as JSON')
    .action(action(async (options: { json?: boolean }) => missingCommand(createContext(globals()), options)));

  program
    .command('uploads')
    .helpGroup(GROUP.INVESTIGATE)
    .description("list AspirEDU's uploads, newest first")
    .addOption(new Option('--status <status...>', 'only these statuses (repeatable)').choices(UPLOAD_STATUSES))
    .addOption(
      new Option('--policy <policy...>', 'only these clear_existing_policy values (repeatable)').choices(['none', 'all', 'contained']),
    )
    .addOption(new Option('--data-type <type>', 'student or viewer').choices(['student', 'viewer']))
    .addOption(new Option('--upload-type <type>', 'api or web').choices(['api', 'web']))
    .option('--account <account>', 'a subaccount (default: aspiredu.account)')
    .option('-n, --limit <count>', 'uploads to list', parseCount, 20)
    .option('--json', 'print as JSON')
    .action(action(async (options: UploadsOptions) => uploadsCommand(createContext(globals()), options)));

  program
    .command('upload')
    .argument('<id>', "the upload's id in AspirEDU, as `uploads` and the run report show it")
    .helpGroup(GROUP.INVESTIGATE)
    .description("one upload's detail from AspirEDU, with its error or missing users")
    .option('--json', 'print as JSON')
    .action(action(async (id: string, options: { json?: boolean }) => uploadCommand(createContext(globals()), id, options)));

  program
    .command('check')
    .helpGroup(GROUP.DAILY)
    .description('try every configured connection and say what works and what to fix; changes nothing')
    .option('--json', 'print as JSON')
    .action(action(async (options: { json?: boolean }) => checkCommand(createContext(globals()), options)));

  const config = program.command('config').helpGroup(GROUP.SETUP).description('configuration tools');
  config
    .command('check')
    .description('validate the configuration and print it with secrets masked; exit 2 if invalid')
    .action(action(async () => configCheckCommand(globals())));

  const notify = program.command('notify').helpGroup(GROUP.SETUP).description('digest emails');
  notify
    .command('test')
    .description('send a test message now to every notify.* recipient (or --to), each saying what they will receive; exit 1 if mail fails')
    .option('--to <address...>', 'send only to these addresses')
    .action(action(async (options: { to?: string[] }) => notifyTestCommand(createContext(globals()), options)));

  program
    .command('demo')
    .helpGroup(GROUP.DEMO)
    .description('run the whole product against the built-in simulator with sample data; needs no configuration')
    .option('--keep', 'keep the demo configuration and state directory')
    .action(
      // Imported here: the simulators and the mail catcher are for the demo, not for the daemon.
      action(async (options: { keep?: boolean }) => (await import('./commands/demo.js')).demoCommand({ ...options, globals: globals() })),
    );

  // Help lists groups in the order of their first command; commands were added in another order.
  const order: readonly string[] = Object.values(GROUP);
  (program.commands as Command[]).sort((a, b) => order.indexOf(a.helpGroup()) - order.indexOf(b.helpGroup()));
  return program;
}
