import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isProductCode } from '../catalog/products.ts';
import { knownReleases, newestRelease, parseRelease, type Release } from '../catalog/releases.ts';
import { readStandardInput, standardInput } from '../io/read.ts';
import { fileKinds, type FileKind } from '../languages/registry.ts';
import type { PortsFormat } from '../report/ports.ts';
import { printable } from '../report/printable.ts';
import { formatRules } from '../report/rules-list.ts';
import { ruleIds } from '../rules/registry.ts';
import { configName, isMaxOpenServer, systemName } from './config.ts';
import { firewallFormats, type FirewallFormat } from './firewall.ts';
import { canonicalAddress } from '../util/address.ts';
import { explain } from './explain.ts';
import { outputFormats, run, type AuditRequest, type FirewallRequest, type OutputFormat, type PortsRequest, type RequestBase, type RunOutcome, type RunRequest } from './run.ts';
import type { StatedSettings } from './settings.ts';
import { version } from './version.ts';

/** The flags commander parses for every command that reads modules. */
interface ModuleFlags extends StatedSettings {
  config?: string;
  kind?: Map<string, FileKind>;
  debug?: boolean;
}

interface AuditFlags extends ModuleFlags {
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

function addressArgument(value: string): string {
  const address = value.includes('%') ? undefined : canonicalAddress(value);
  if (address === undefined) throw new InvalidArgumentError('expected an IPv4 or IPv6 address such as 10.1.2.3 or fd00::3');
  return address;
}

function systemArgument(value: string): string {
  if (!systemName.test(value)) throw new InvalidArgumentError('expected a VOS system name such as sys1 (letters, digits, _ - . $ #)');
  return value;
}

function maxOpenServerArgument(value: string): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!isMaxOpenServer(n)) throw new InvalidArgumentError('expected a whole number from 1 to 999 (max_open_server of new_modules.tin)');
  return n;
}

function kindArgument(value: string, previous: Map<string, FileKind> = new Map()): Map<string, FileKind> {
  const at = value.lastIndexOf('=');
  const kind = value.slice(at + 1) as FileKind;
  if (at <= 0 || !fileKinds.includes(kind)) throw new InvalidArgumentError(`expected FILE=KIND with KIND one of ${fileKinds.join(', ')}`);
  return new Map(previous).set(value.slice(0, at), kind);
}

function withModuleOptions(command: Command, streams: CliStreams): Command {
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
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: (text, write) => write(`vos-audit: ${commanderMessage(text)}\n`),
    });
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

const firewallExamples = `
Examples:
  $ vos-audit firewall modules/                                  the policy of each module, as a table
  $ vos-audit firewall --format nftables modules/ > vos.nft && nft -c -f vos.nft
  $ vos-audit firewall --format iptables modules/m1 | iptables-restore --test
  $ vos-audit firewall --format capirca --output acl modules/
      then: aclgen --base_directory=acl --definitions_directory=acl/def --output_directory=acl/out
  $ vos-audit firewall --format json --include-conditional modules/

Addresses, systems, bridge modules and max_open_server come from each module's .vos-audit.json ("address",
"system", "bridge", "maxOpenServer", "nioAddress") or these options. nftables, iptables and capirca need every
module's address; table, csv and json do not.`;

type Execute = () => RunOutcome | Promise<RunOutcome>;

/** What the flags say of the request, whichever command they were given to. */
function requestBase(paths: string[], flags: ModuleFlags, streams: CliStreams): RequestBase {
  return {
    paths,
    settings: {
      ...(flags.release && { release: flags.release }),
      ...(flags.nio && { nio: true }),
      ...(flags.products && { products: flags.products }),
      ...(flags.address && { address: flags.address }),
      ...(flags.system && { system: flags.system }),
      ...(flags.bridge && { bridge: true }),
      ...(flags.maxOpenServer && { maxOpenServer: flags.maxOpenServer }),
      ...(flags.nioAddress && { nioAddress: flags.nioAddress }),
    },
    ...(flags.config && { config: flags.config }),
    kinds: flags.kind ?? new Map(),
    readStandardInput: streams.readStandardInput,
    toolVersion: version,
  };
}

function threshold(value: string): number {
  // Number() reads '' and blanks as 0, and accepts 1e3 and 0x10: only digits are a count.
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more');
  return n;
}

function program(streams: CliStreams, onCommand: (execute: Execute, debug: boolean) => void, runRequest: RunRequestFunction): Command {
  const main = withModuleOptions(
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
    streams,
  ).action((paths: string[], flags: AuditFlags) => {
    if (flags.fix && flags.diff) throw new InvalidArgumentError('--fix and --diff do not go together: --fix writes the files, --diff only shows the changes');
    if (flags.diff && flags.format !== 'text') throw new InvalidArgumentError(`--diff prints a patch; it does not go with --format ${flags.format}`);
    if (flags.fix && paths.includes(standardInput)) throw new InvalidArgumentError('--fix cannot rewrite standard input (-); --diff shows the changes');
    if (flags.suggestions && !flags.fix && !flags.diff) throw new InvalidArgumentError('--suggestions goes with --fix or --diff');
    const request: AuditRequest = {
      ...requestBase(paths, flags, streams),
      command: 'audit',
      mode: flags.fix ? 'fix' : flags.diff ? 'diff' : 'check',
      format: flags.format,
      suggestions: flags.suggestions ?? false,
      expandModules: flags.expandModules ?? false,
      quiet: flags.quiet ?? false,
      ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
      color: flags.color && !streams.env.NO_COLOR && streams.stdout.isTTY === true,
    };
    onCommand(() => runRequest(request), flags.debug ?? false);
  });
  main.addCommand(
    withModuleOptions(
      new Command('ports')
        .description('Print the live-port table of each module: port, protocol, daemon, what starts it, state, condition, evidence, advice.')
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
        .addHelpText('after', portsExamples),
      streams,
    ).action((paths: string[], flags: ModuleFlags & { format: PortsFormat }) => {
      const request: PortsRequest = { ...requestBase(paths, flags, streams), command: 'ports', format: flags.format };
      onCommand(() => runRequest(request), flags.debug ?? false);
    }),
  );
  main.addCommand(
    withModuleOptions(
      new Command('firewall')
        .description("Write each module's firewall policy, inbound and outbound, every rule with its reason and evidence: as a table, nftables, iptables, Capirca, CSV or JSON.")
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(firewallFormats).default('table'))
        .option('--output <dir>', 'with --format capirca: the directory to write pol/ and def/ to')
        .option('--include-conditional', 'include the rules that depend on an undecided condition, marked as such, instead of leaving them out')
        .option('--address <ip>', "the module's address (one module only; else \"address\" in each module's .vos-audit.json)", addressArgument)
        .option('--system <name>', 'the VOS system the modules belong to (their OSL peers)', systemArgument)
        .option('--bridge', "the module is its system's bridge module (OSN)")
        .option('--max-open-server <n>', 'max_open_server of new_modules.tin: the end of the OSL and OSN ranges', maxOpenServerArgument)
        .option('--nio-address <ip>', "the address of the module's NIO (with --nio)", addressArgument)
        .addHelpText('after', firewallExamples),
      streams,
    ).action((paths: string[], flags: ModuleFlags & { format: FirewallFormat; output?: string; includeConditional?: boolean }) => {
      if (flags.format === 'capirca' && flags.output === undefined) throw new InvalidArgumentError('--format capirca writes a directory of files: give it with --output DIR');
      if (flags.output !== undefined && flags.format !== 'capirca') throw new InvalidArgumentError(`--output goes with --format capirca; --format ${flags.format} prints to standard output`);
      const request: FirewallRequest = {
        ...requestBase(paths, flags, streams),
        command: 'firewall',
        format: flags.format,
        includeConditional: flags.includeConditional ?? false,
        ...(flags.output !== undefined && { output: flags.output }),
      };
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

/** Where the command line reads and writes: the process's own streams, or a test's. */
export interface CliStreams {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  readStandardInput(): Buffer;
}

export const processStreams: CliStreams = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readStandardInput,
};

type RunRequestFunction = (request: RunRequest) => RunOutcome | Promise<RunOutcome>;

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
export async function main(argv: string[], streams: CliStreams = processStreams, runRequest: RunRequestFunction = run): Promise<number> {
  let execute: Execute | undefined;
  let debug = argv.includes('--debug');
  const usage = (message: string) => {
    streams.stderr.write(`vos-audit: ${message}\n`);
    return 2;
  };
  try {
    const command = program(
      streams,
      (e, d) => {
        execute = e;
        debug = d;
      },
      runRequest,
    );
    command.parse(pathsAfterDoubleDash(argv, command.commands.map((subcommand) => subcommand.name())));
  } catch (error) {
    if (error instanceof InvalidArgumentError) return usage(printable(error.message));
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (execute === undefined) return 2;
  try {
    const outcome = await execute();
    streams.stdout.write(outcome.stdout);
    for (const line of outcome.stderr) streams.stderr.write(`vos-audit: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const detail = debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    return usage(`internal error: ${printable(String(error))}; please report it${detail}`);
  }
}
