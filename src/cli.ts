import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isProductCode } from './catalog/products.ts';
import { knownReleases, newestRelease, parseRelease, type Release } from './catalog/releases.ts';
import { fileKinds, type FileKind } from './files.ts';
import { printable } from './report/printable.ts';
import { ruleIds, rules } from './rules/registry.ts';
import { configName } from './config.ts';
import { renderRulePage } from './docs/rule-page.ts';
import { standardInput } from './io/read.ts';
import { nearest } from './nearest.ts';
import { formatRules } from './report/rules-list.ts';
import { outputFormats, run, type OutputFormat, type RunOutcome, type RunRequest } from './run.ts';
import { version } from './version.ts';

interface ModelFlags {
  release?: Release;
  config?: string;
  nio?: boolean;
  products?: Set<string>;
  kind?: Map<string, FileKind>;
  debug?: boolean;
}

interface AuditFlags extends ModelFlags {
  expandModules?: boolean;
  quiet?: boolean;
  maxWarnings?: number;
  color: boolean;
  fix?: boolean;
  diff?: boolean;
  suggestions?: boolean;
  format: OutputFormat;
}

function releaseArgument(value: string): Release {
  const release = parseRelease(value);
  if (release === undefined) throw new InvalidArgumentError('expected a VOS release such as 15.1, 17.1.0 or 15.1.0ar');
  return release;
}

function productsArgument(value: string): Set<string> {
  const codes = value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  const bad = codes.find((code) => !isProductCode(code));
  if (bad !== undefined) throw new InvalidArgumentError(`'${bad}' is not a product code; expected codes such as S270,S269`);
  return new Set(codes);
}

function kindArgument(value: string, previous: Map<string, FileKind> = new Map()): Map<string, FileKind> {
  const at = value.lastIndexOf('=');
  const kind = value.slice(at + 1) as FileKind;
  if (at <= 0 || !fileKinds.includes(kind)) throw new InvalidArgumentError(`expected FILE=KIND with KIND one of ${fileKinds.join(', ')}`);
  return new Map(previous).set(value.slice(0, at), kind);
}

function withModelOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--release <X.Y[.Z]>', `VOS release of the module (known: ${knownReleases[0]}–${newestRelease.text}; default: ${newestRelease.text})`).argParser(
        releaseArgument,
      ),
    )
    .option('--nio', 'the module has an NIO (V-series), which needs tcp time and tftp')
    .option('--products <codes>', 'products purchased, such as S270,S269: decides &if (software_purchased …) blocks', productsArgument)
    .option('--config <file>', `use this configuration for every module instead of the nearest ${configName}`)
    .option('--kind <file=kind>', `read FILE as KIND (${fileKinds.join(', ')}); repeatable`, kindArgument)
    .option('--debug', 'print stack traces of internal errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`vos-audit: ${commanderMessage(text)}\n`) });
}

/** Commander's message, which may echo option values, printable; its own line break before "(Did you mean" is kept. */
function commanderMessage(text: string): string {
  return printable(text.replace(/^error: /, '').trimEnd()).replace(/\\x0a(?=\(Did you mean )/g, '\n');
}

const examples = `
Examples:
  $ vos-audit samples/stock-posix                    report what should not be live, and why
  $ vos-audit inetd.conf module_start_up.cm telnet_admin.txt
  $ vos-audit --fix m1/inetd.conf                    comment out tiny services, route bootp/tftp through tcpd
  $ vos-audit --diff modules/ | git apply            the same fixes as a patch
  $ vos-audit --fix --suggestions m1                 also comment out start lines in the macros
  $ vos-audit --products S270,S269 --release 15.2 m1
  $ vos-audit ports modules/m1                       the live-port table of module m1
  $ git show HEAD~1:m1/inetd.conf | vos-audit -      a file from standard input
  $ git diff --name-only -z | xargs -0 vos-audit --  -- ends the options: what follows are paths

Exit status: 0 no errors, 1 errors found (after --fix: errors left), 2 usage or I/O error.
Rules (${ruleIds.length}): ${ruleIds.join(', ')}.`;

const portsExamples = `
Examples:
  $ vos-audit ports samples/stock-posix
  $ vos-audit ports --products S270 --format csv modules/ > ports.csv
  $ vos-audit ports --format json m1/module_start_up.cm m1/inetd.conf

A directory is a module when it holds a known file itself or a VOS-like system directory; otherwise each of its
subdirectories is looked at the same way. Files named together on the command line form one module.`;

type Execute = () => RunOutcome;

function modelOptions(flags: ModelFlags): RunRequest['options'] {
  return {
    ...(flags.release && { release: flags.release }),
    ...(flags.nio && { nio: true }),
    ...(flags.products && { products: flags.products }),
    ...(flags.config && { config: flags.config }),
  };
}

function threshold(value: string): number {
  // Number() reads '' and blanks as 0, and accepts 1e3 and 0x10: only digits are a count.
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more');
  return n;
}

function explain(id: string): RunOutcome {
  const rule = rules.find((candidate) => candidate.id === id);
  if (rule !== undefined) return { stdout: renderRulePage(rule), stderr: [], exitCode: 0 };
  // A misspelt id, else a word of one: `explain swat`, `explain tiny`.
  const guesses = [nearest(id, ruleIds) ?? ruleIds.filter((candidate) => candidate.includes(id.toLowerCase()))].flat();
  const hint = guesses.length > 0 ? `; did you mean ${guesses.join(' or ')}?` : '; `vos-audit rules` lists them';
  return { stdout: '', stderr: [`unknown rule '${printable(id)}'${hint}`], exitCode: 2 };
}

function program(onCommand: (execute: Execute, debug: boolean) => void, runRequest: (request: RunRequest) => RunOutcome): Command {
  const main = withModelOptions(
    new Command('vos-audit')
      .description('Audit Stratus VOS service configuration (inetd.conf, module_start_up.cm, telnet_admin listings) for ports that should not be live, and fix it.')
      .version(version, '-V, --version')
      .enablePositionalOptions()
      .argument('[paths...]', 'files or directories, - for standard input (default: the current directory)')
      .option('--fix', 'apply the safe fixes, rewriting each file in place (atomically), and report what is left')
      .option('--diff', 'print the safe fixes as a unified diff (a/…, b/…) and write nothing')
      .option('--suggestions', 'with --fix or --diff, also apply suggestions (commenting out macro start lines)')
      .option('--expand-modules', "audit the whole module of each file named (what the pre-commit hooks do)")
      .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('text'))
      .option('-q, --quiet', 'report errors only')
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', threshold)
      .option('--no-color', 'no colours (also when NO_COLOR is set, or output is not a terminal)')
      .addHelpText('after', examples),
  ).action((paths: string[], flags: AuditFlags) => {
    if (flags.fix && flags.diff) throw new InvalidArgumentError('--fix and --diff do not go together: --fix writes the files, --diff only shows the changes');
    if (flags.diff && flags.format !== 'text') throw new InvalidArgumentError(`--diff prints a patch; it does not go with --format ${flags.format}`);
    if (flags.fix && paths.includes(standardInput)) throw new InvalidArgumentError('--fix cannot rewrite standard input (-); --diff shows the changes');
    if (flags.suggestions && !flags.fix && !flags.diff) throw new InvalidArgumentError('--suggestions goes with --fix or --diff');
    const request: RunRequest = {
      paths,
      options: modelOptions(flags),
      mode: flags.fix ? 'fix' : flags.diff ? 'diff' : 'check',
      format: flags.format,
      suggestions: flags.suggestions ?? false,
      kinds: flags.kind ?? new Map(),
      expandModules: flags.expandModules ?? false,
      quiet: flags.quiet ?? false,
      ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
      color: flags.color && !process.env.NO_COLOR && process.stdout.isTTY === true,
      toolVersion: version,
    };
    onCommand(() => runRequest(request), flags.debug ?? false);
  });
  main.addCommand(
    withModelOptions(
      new Command('ports')
        .description('Print the live-port table of each module: port, protocol, daemon, what starts it, state, condition, evidence, advice.')
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
        .addHelpText('after', portsExamples),
    ).action((paths: string[], flags: ModelFlags & { format: 'text' | 'json' | 'csv' }) => {
      const request: RunRequest = { paths, options: modelOptions(flags), mode: 'ports', format: flags.format, suggestions: false, kinds: flags.kind ?? new Map(), toolVersion: version };
      onCommand(() => runRequest(request), flags.debug ?? false);
    }),
  );
  main.addCommand(
    new Command('rules')
      .description('List every rule: id, severity, whether it fixes, what it checks, summary.')
      .addHelpText('after', '\nExample:\n  $ vos-audit rules\n  $ vos-audit explain inetd-dos-tiny-service')
      .action(() => onCommand(() => ({ stdout: formatRules(), stderr: [], exitCode: 0 }), false)),
  );
  main.addCommand(
    new Command('explain')
      .description("Print a rule's page: why it exists in VOS terms, what its fix does, examples.")
      .argument('<rule-id>', 'a rule id, as `vos-audit rules` lists them')
      .addHelpText('after', '\nExample:\n  $ vos-audit explain telnet-without-sshd')
      .action((id: string) => onCommand(() => explain(id), false)),
  );
  for (const command of main.commands) command.showSuggestionAfterError(true).exitOverride().configureOutput(main.configureOutput());
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
export function main(argv: string[], runRequest: (request: RunRequest) => RunOutcome = run): number {
  let execute: Execute | undefined;
  let debug = argv.includes('--debug');
  try {
    const command = program((e, d) => {
      execute = e;
      debug = d;
    }, runRequest);
    command.parse(pathsAfterDoubleDash(argv, command.commands.map((subcommand) => subcommand.name())));
  } catch (error) {
    if (error instanceof InvalidArgumentError) return usage(error.message);
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (execute === undefined) return 2;
  try {
    const outcome = execute();
    process.stdout.write(outcome.stdout);
    for (const line of outcome.stderr) process.stderr.write(`vos-audit: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const detail = debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    process.stderr.write(`vos-audit: internal error: ${printable(String(error))}; please report it${detail}\n`);
    return 2;
  }
}

function usage(message: string): number {
  process.stderr.write(`vos-audit: ${printable(message)}\n`);
  return 2;
}
