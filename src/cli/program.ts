import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { printable } from '../report/printable.ts';
import type { CommandContext } from './command.ts';
import { defineAudit } from './commands/audit.ts';
import { defineDiff } from './commands/diff.ts';
import { defineExplain } from './commands/explain.ts';
import { defineFirewall } from './commands/firewall.ts';
import { defineHelp } from './commands/help.ts';
import { definePorts } from './commands/ports.ts';
import { defineReport } from './commands/report.ts';
import { defineRules } from './commands/rules.ts';
import { defineTcpdmatch } from './commands/tcpdmatch.ts';
import { defineVerify } from './commands/verify.ts';
import { optionsAfterCommand } from './options-before-command.ts';
import type { RunOutcome } from './outcome.ts';
import { run, type RunRequest } from './run.ts';
import { processStreams, type CliStreams } from './streams.ts';
import { version } from './version.ts';

export { processStreams, type CliStreams } from './streams.ts';

type Execute = () => RunOutcome | Promise<RunOutcome>;
type RunRequestFunction = (request: RunRequest) => RunOutcome | Promise<RunOutcome>;

/** Commander's message, which may echo option values, printable; its own line break before "(Did you mean" is kept. */
function commanderMessage(text: string): string {
  return printable(text.replace(/^error: /, '').trimEnd()).replace(/\\x0a(?=\(Did you mean )/g, '\n');
}

/** The program: the audit is its own command (`vos-audit [paths...]`), the others are its subcommands. */
function program(context: CommandContext<RunRequest>): Command {
  const main = defineAudit(
    new Command('vos-audit')
      .description(
        'Audit Stratus VOS service configuration (inetd.conf, module_start_up.cm, telnet_admin listings) ' +
          'for ports that should not be live, and fix it.',
      )
      // Each command's arguments are in its own help; here they would widen every column to the longest.
      .configureHelp({ subcommandTerm: (command) => command.name() })
      .version(version, '-V, --version')
      .enablePositionalOptions(),
    context,
  ).configureOutput({
    writeOut: (text) => context.streams.stdout.write(text),
    writeErr: (text) => context.streams.stderr.write(text),
    outputError: (text, write) => write(`vos-audit: ${commanderMessage(text)}\n`),
  });
  for (const define of [
    definePorts,
    defineVerify,
    defineFirewall,
    defineReport,
    defineDiff,
    defineTcpdmatch,
    defineRules,
    defineExplain,
  ])
    main.addCommand(define(context));
  main.addCommand(defineHelp(main));
  for (const command of [main, ...main.commands])
    command.showSuggestionAfterError(true).exitOverride().configureOutput(main.configureOutput());
  return main;
}

/**
 * After `--` every argument is a path, but commander still runs a subcommand named by the first of them: a file
 * called `ports` would turn an audit into a port table that always passes. Such a name is given as `./ports`.
 */
function pathsAfterDoubleDash(argv: string[], commandNames: readonly string[]): string[] {
  const end = argv.indexOf('--', 2);
  const first = argv[end + 1];
  if (end === -1 || first === undefined || !commandNames.includes(first)) return argv;
  return [...argv.slice(0, end + 1), `./${first}`, ...argv.slice(end + 2)];
}

/** Runs the command line; `runRequest` is the audit itself, replaceable so that tests can make it fail. */
export async function main(
  argv: string[],
  streams: CliStreams = processStreams,
  runRequest: RunRequestFunction = run,
): Promise<number> {
  let execute: Execute | undefined;
  let debug = argv.includes('--debug');
  const usage = (message: string) => {
    streams.stderr.write(`vos-audit: ${message}\n`);
    return 2;
  };
  try {
    const command = program({
      streams,
      submit: (request, debugFlag) => {
        execute = () => runRequest(request);
        debug = debugFlag;
      },
      answer: (answer) => {
        execute = answer;
        debug = false;
      },
    });
    command.parse(
      pathsAfterDoubleDash(
        optionsAfterCommand(argv, command),
        command.commands.map((subcommand) => subcommand.name()),
      ),
    );
  } catch (error) {
    if (error instanceof InvalidArgumentError) return usage(printable(error.message));
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (execute === undefined) return 2;
  try {
    const outcome = await execute();
    if (typeof outcome.stdout === 'string' || Buffer.isBuffer(outcome.stdout)) streams.stdout.write(outcome.stdout);
    else for (const chunk of outcome.stdout) streams.stdout.write(chunk);
    for (const line of outcome.stderr) streams.stderr.write(`vos-audit: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const detail = debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    return usage(`internal error: ${printable(String(error))}; please report it${detail}`);
  }
}
