import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isProductCode } from '../catalog/products.ts';
import { acceptedReleaseForms, parseRelease, type Release } from '../catalog/releases.ts';
import { readStandardInput, standardInput } from '../io/read.ts';
import { fileKinds, type FileKind } from '../languages/registry.ts';
import type { PortsFormat } from '../report/ports.ts';
import { printable } from '../report/printable.ts';
import { formatRules, rulesFormats, type RulesFormat } from '../report/rules-list.ts';
import { ruleIds } from '../rules/registry.ts';
import { configName, isMaxOpenServer, systemName } from './config.ts';
import { explain, explainFormats, type ExplainFormat } from './explain.ts';
import { firewallFormats, type FirewallFormat } from './firewall.ts';
import { canonicalAddress } from '../util/address.ts';
import {
  outputFormats,
  run,
  type AuditRequest,
  type FirewallRequest,
  type OutputFormat,
  type PortsRequest,
  type RequestBase,
  type RunOutcome,
  type RunRequest,
  type TcpdmatchRequest,
  type VerifyRequest,
} from './run.ts';
import type { TcpdmatchFormat } from '../report/tcpdmatch.ts';
import type { StatedSettings } from './settings.ts';
import { nearest } from '../util/nearest.ts';
import { listenerStates, type ListenerState } from '../model/listener.ts';
import { terminalWidth } from './terminal-width.ts';
import { version } from './version.ts';

/** The flags commander parses for every command that reads modules. */
interface ModuleFlags extends StatedSettings {
  nioAddress?: string[];
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
  if (release === undefined)
    throw new InvalidArgumentError(`'${value}' is not a release vos-audit knows; expected ${acceptedReleaseForms}`);
  return release;
}

function productsArgument(value: string): Set<string> {
  const codes = value
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  const bad = codes.find((code) => !isProductCode(code));
  if (bad !== undefined)
    throw new InvalidArgumentError(`'${bad}' is not a product code; expected codes such as S270,S269`);
  return new Set(codes);
}

function addressArgument(value: string): string {
  const address = value.includes('%') ? undefined : canonicalAddress(value);
  if (address === undefined)
    throw new InvalidArgumentError('expected the IPv4 or IPv6 address of the module, such as 10.1.2.3 or fd00::3');
  return address;
}

function nioAddressArgument(value: string): string[] {
  const addresses = value
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const bad = addresses.find((address) => canonicalAddress(address) === undefined);
  if (bad !== undefined || addresses.length === 0)
    throw new InvalidArgumentError(
      `'${bad ?? value}' is not an address; expected the NIO's numeric address, such as 10.9.9.9 (several separated by commas)`,
    );
  return addresses.map((address) => canonicalAddress(address)!);
}

function systemArgument(value: string): string {
  if (!systemName.test(value))
    throw new InvalidArgumentError('expected a VOS system name such as sys1 (letters, digits, _ - . $ #)');
  return value;
}

function maxOpenServerArgument(value: string): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!isMaxOpenServer(n))
    throw new InvalidArgumentError('expected a whole number from 1 to 999 (max_open_server of new_modules.tin)');
  return n;
}

function statesArgument(value: string): ListenerState[] {
  const states = value.split(',').map((state) => state.trim().toLowerCase());
  const bad = states.find((state) => !(listenerStates as readonly string[]).includes(state));
  if (bad !== undefined)
    throw new InvalidArgumentError(
      `'${bad}' is not a state; expected any of ${listenerStates.join(', ')}, separated by commas`,
    );
  return listenerStates.filter((state) => states.includes(state));
}

function kindArgument(value: string, previous: Map<string, FileKind> = new Map()): Map<string, FileKind> {
  const at = value.lastIndexOf('=');
  const kind = value.slice(at + 1) as FileKind;
  if (at <= 0 || !fileKinds.includes(kind))
    throw new InvalidArgumentError(`expected FILE=KIND with KIND one of ${fileKinds.join(', ')}`);
  return new Map(previous).set(value.slice(0, at), kind);
}

function withModuleOptions(command: Command, streams: CliStreams): Command {
  return command
    .addOption(
      new Option(
        '--release <X.Y[.Z]>',
        'VOS release of the module, such as 15.1 or 15.1.0ar (default: not stated; ports that exist only in some releases are conditional on them)',
      ).argParser(releaseArgument),
    )
    .option(
      '--max-open-server <n>',
      'max_open_server of new_modules.tin: gives the OSL (and OSN) port ranges',
      maxOpenServerArgument,
    )
    .option('--bridge', "the module is its system's bridge module (OSN listens on it)")
    .option('--no-bridge', "the module is not its system's bridge module")
    .option('--nio', 'the module has an NIO (V-series), which needs tcp time and tftp')
    .option(
      '--nio-address <addresses>',
      "the NIO's address(es), which alone tcpd should let use tftp (comma-separated)",
      nioAddressArgument,
    )
    .option(
      '--products <codes>',
      'products purchased, such as S270,S269: decides &if (software_purchased …) blocks',
      productsArgument,
    )
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
  $ vos-audit ports --state live,conditional --wide modules/m1   what may listen, one row per line
  $ vos-audit ports --format json m1/module_start_up.cm m1/inetd.conf

A directory is a module when it holds a known file itself or a VOS-like system directory; otherwise each of its
subdirectories is looked at the same way. Files named together on the command line form one module.`;

const verifyExamples = `
Examples:
  $ nmap -sT -sU -p T:1-1024,3000-4100,U:7-200,29000 -oX m1.xml 10.1.2.3
  $ vos-audit verify --scan m1.xml --address 10.1.2.3 modules/m1
  $ vos-audit verify --scan site.xml modules/                 each module's "address" from its .vos-audit.json
  $ vos-audit verify --scan site.xml --format sarif modules/ > verify.sarif

Each scanned host is matched to the module with its address. A port open where the configuration starts nothing is
an error; a port the configuration starts, found closed, a warning; an open or closed port where the configuration
is conditional settles the condition (info); filtered and open|filtered ports are undecided (info), never agreement;
ports the scan did not probe are not judged, only counted.

Exit status: 0 no errors, 1 an open port nothing explains (or more warnings than --max-warnings), 2 usage or I/O
error, or a scan that is not a complete nmap XML file.`;

const tcpdmatchExamples = `
Examples:
  $ vos-audit tcpdmatch tftpd 10.9.9.9 samples/nio-v-series
  $ vos-audit tcpdmatch --format json tftpd.pm root@10.1.2.3 m1

It reads one module's hosts.allow and hosts.deny. A client given by address has no name here (no DNS), so name
patterns (.example.com, KNOWN, LOCAL …) do not match it; the output says where that could change the answer.`;

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
      ...(flags.maxOpenServer !== undefined && { maxOpenServer: flags.maxOpenServer }),
      ...(flags.bridge !== undefined && { bridge: flags.bridge }),
      ...(flags.address && { address: flags.address }),
      ...(flags.nioAddress && { nioAddresses: flags.nioAddress }),
      ...(flags.system && { system: flags.system }),
    },
    ...(flags.config && { config: flags.config }),
    kinds: flags.kind ?? new Map(),
    readStandardInput: streams.readStandardInput,
    toolVersion: version,
  };
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org: set and not empty). */
function colorWanted(flag: boolean, streams: CliStreams): boolean {
  return flag && !streams.env.NO_COLOR && streams.stdout.isTTY === true;
}

function threshold(value: string): number {
  // Number() reads '' and blanks as 0, and accepts 1e3 and 0x10: only digits are a count.
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more');
  return n;
}

function program(
  streams: CliStreams,
  onCommand: (execute: Execute, debug: boolean) => void,
  runRequest: RunRequestFunction,
): Command {
  const main = withModuleOptions(
    new Command('vos-audit')
      .description(
        'Audit Stratus VOS service configuration (inetd.conf, module_start_up.cm, telnet_admin listings) for ports that should not be live, and fix it.',
      )
      // Each command's arguments are in its own help; here they would widen every column to the longest.
      .configureHelp({ subcommandTerm: (command) => command.name() })
      .version(version, '-V, --version')
      .enablePositionalOptions()
      .argument('[paths...]', 'files or directories, - for standard input (default: the current directory)')
      .option('--fix', 'apply the safe fixes, rewriting each file in place (atomically), and report what is left')
      .option('--diff', 'print the safe fixes as a unified diff (a/…, b/…) and write nothing')
      .option('--suggestions', 'with --fix or --diff, also apply suggestions (commenting out macro start lines)')
      .option('--expand-modules', 'audit the whole module of each file named (what the pre-commit hooks do)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('text'))
      .option('-q, --quiet', 'report errors only')
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', threshold)
      .option('--no-color', 'no colours (also when NO_COLOR is set, or output is not a terminal)')
      .addHelpText('after', examples),
    streams,
  ).action((paths: string[], flags: AuditFlags) => {
    if (flags.fix && flags.diff)
      throw new InvalidArgumentError(
        '--fix and --diff do not go together: --fix writes the files, --diff only shows the changes',
      );
    if (flags.diff && flags.format !== 'text')
      throw new InvalidArgumentError(`--diff prints a patch; it does not go with --format ${flags.format}`);
    if (flags.fix && paths.includes(standardInput))
      throw new InvalidArgumentError('--fix cannot rewrite standard input (-); --diff shows the changes');
    if (flags.suggestions && !flags.fix && !flags.diff)
      throw new InvalidArgumentError('--suggestions goes with --fix or --diff');
    const request: AuditRequest = {
      ...requestBase(paths, flags, streams),
      command: 'audit',
      mode: flags.fix ? 'fix' : flags.diff ? 'diff' : 'check',
      format: flags.format,
      suggestions: flags.suggestions ?? false,
      expandModules: flags.expandModules ?? false,
      quiet: flags.quiet ?? false,
      ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
      color: colorWanted(flags.color, streams),
    };
    onCommand(() => runRequest(request), flags.debug ?? false);
  });
  main.addCommand(
    withModuleOptions(
      new Command('ports')
        .description(
          'Print the live-port table of each module: port, protocol, daemon, what starts it, state, condition, evidence, advice.',
        )
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .addOption(
          new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'),
        )
        .option(
          '--state <states>',
          `show only the rows in these states (any of ${listenerStates.join(', ')}, comma-separated; default: all)`,
          statesArgument,
        )
        .option(
          '--wide',
          'text: one row per line, however wide (default: fit the terminal, long columns on lines beneath each row)',
        )
        .addHelpText('after', portsExamples),
      streams,
    ).action(
      (paths: string[], flags: ModuleFlags & { format: PortsFormat; state?: ListenerState[]; wide?: boolean }) => {
        const request: PortsRequest = {
          ...requestBase(paths, flags, streams),
          command: 'ports',
          format: flags.format,
          layout: flags.wide ? { wide: true } : { wide: false, width: terminalWidth(streams) },
          ...(flags.state && { states: flags.state }),
        };
        onCommand(() => runRequest(request), flags.debug ?? false);
      },
    ),
  );
  main.addCommand(
    withModuleOptions(
      new Command('verify')
        .description(
          "Compare each module's model with an nmap scan (nmap -oX): report ports open that nothing starts, ports live in the configuration but closed, and what the scan settles or cannot decide.",
        )
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .requiredOption('--scan <file>', 'the nmap XML scan (nmap -oX FILE), - for standard input')
        .option(
          '--address <ip>',
          'the address of the module, when the paths hold one module (else "address" in .vos-audit.json)',
          addressArgument,
        )
        .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('text'))
        .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', threshold)
        .option('--no-color', 'no colours (also when NO_COLOR is set, or output is not a terminal)')
        .addHelpText('after', verifyExamples),
      streams,
    ).action(
      (
        paths: string[],
        flags: ModuleFlags & { scan: string; format: OutputFormat; maxWarnings?: number; color: boolean },
      ) => {
        if (flags.scan === standardInput && paths.includes(standardInput))
          throw new InvalidArgumentError('standard input (-) can be the scan or a file, not both');
        const request: VerifyRequest = {
          ...requestBase(paths, flags, streams),
          command: 'verify',
          scan: flags.scan,
          format: flags.format,
          ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
          color: colorWanted(flags.color, streams),
        };
        onCommand(() => runRequest(request), flags.debug ?? false);
      },
    ),
  );
  main.addCommand(
    withModuleOptions(
      new Command('firewall')
        .description(
          "Write each module's firewall policy, inbound and outbound, every rule with its reason and evidence: as a table, nftables, iptables, Capirca, CSV or JSON.",
        )
        .argument('[paths...]', 'module directories or files (default: the current directory)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(firewallFormats).default('table'))
        .option('--output <dir>', 'with --format capirca: the directory to write pol/ and def/ to')
        .option(
          '--include-conditional',
          'include the rules that depend on an undecided condition, marked as such, instead of leaving them out',
        )
        .option(
          '--address <ip>',
          'the module\'s address (one module only; else "address" in each module\'s .vos-audit.json)',
          addressArgument,
        )
        .option('--system <name>', 'the VOS system the modules belong to (their OSL peers)', systemArgument)
        .addHelpText('after', firewallExamples),
      streams,
    ).action(
      (
        paths: string[],
        flags: ModuleFlags & { format: FirewallFormat; output?: string; includeConditional?: boolean },
      ) => {
        if (flags.format === 'capirca' && flags.output === undefined)
          throw new InvalidArgumentError('--format capirca writes a directory of files: give it with --output DIR');
        if (flags.output !== undefined && flags.format !== 'capirca')
          throw new InvalidArgumentError(
            `--output goes with --format capirca; --format ${flags.format} prints to standard output`,
          );
        const request: FirewallRequest = {
          ...requestBase(paths, flags, streams),
          command: 'firewall',
          format: flags.format,
          includeConditional: flags.includeConditional ?? false,
          ...(flags.output !== undefined && { output: flags.output }),
        };
        onCommand(() => runRequest(request), flags.debug ?? false);
      },
    ),
  );
  main.addCommand(
    withModuleOptions(
      new Command('tcpdmatch')
        .description(
          "Answer as tcpdmatch would: may this client use this daemon, by the module's hosts.allow and hosts.deny? Names are never looked up.",
        )
        .argument(
          '<daemon[@server]>',
          'the daemon as tcpd names it (tftpd or tftpd.pm), and the server address it is reached at',
        )
        .argument('<[user@]client>', 'the client: a numeric address, or a host name (matched only by name patterns)')
        .argument('[paths...]', "the module's directory or its files (default: the current directory)")
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .addHelpText('after', tcpdmatchExamples),
      streams,
    ).action((daemon: string, client: string, paths: string[], flags: ModuleFlags & { format: TcpdmatchFormat }) => {
      const request: TcpdmatchRequest = {
        ...requestBase(paths, flags, streams),
        command: 'tcpdmatch',
        daemon,
        client,
        format: flags.format,
      };
      onCommand(() => runRequest(request), flags.debug ?? false);
    }),
  );
  main.addCommand(
    new Command('rules')
      .description('List every rule: id, severity, whether it fixes, what it checks, summary.')
      .addOption(
        new Option('-f, --format <format>', 'output format (json: docs/rules-list.md)')
          .choices(rulesFormats)
          .default('text'),
      )
      .addHelpText(
        'after',
        '\nExamples:\n  $ vos-audit rules\n  $ vos-audit rules --format json\n  $ vos-audit explain inetd-dos-tiny-service',
      )
      .action((flags: { format: RulesFormat }) =>
        onCommand(() => ({ stdout: formatRules(flags.format), stderr: [], exitCode: 0 }), false),
      ),
  );
  main.addCommand(
    new Command('explain')
      .description("Print a rule's page: why it exists in VOS terms, what its fix does, examples.")
      .argument('<rule-id>', 'a rule id, as `vos-audit rules` lists them')
      .addOption(
        new Option('-f, --format <format>', 'text for a terminal, or the page as Markdown')
          .choices(explainFormats)
          .default('text'),
      )
      .option('--no-color', 'no bold or colours (also when NO_COLOR is set, or output is not a terminal)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ vos-audit explain telnet-without-sshd\n  $ vos-audit explain --format markdown inetd-swat > inetd-swat.md',
      )
      .action((id: string, flags: { format: ExplainFormat; color: boolean }) =>
        onCommand(() => explain(id, flags.format, colorWanted(flags.color, streams)), false),
      ),
  );
  main.addCommand(
    new Command('help')
      .description('Print the help of vos-audit, or of one of its commands.')
      .argument('[command]', 'the command to show the help of')
      .action((name?: string) => helpOf(main, name).help()),
  );
  for (const command of main.commands)
    command.showSuggestionAfterError(true).exitOverride().configureOutput(main.configureOutput());
  return main;
}

/**
 * `vos-audit help [command]`: commander's own help command is off when the main command has an action (it takes
 * paths), so it is a command of ours that shows the same help as `--help`.
 */
function helpOf(main: Command, name: string | undefined): Command {
  if (name === undefined) return main;
  const names = main.commands.map((command) => command.name());
  const command = main.commands.find((candidate) => candidate.name() === name);
  if (command !== undefined) return command;
  const guess = nearest(name, names);
  throw new InvalidArgumentError(
    `no command '${name}' to show the help of${guess === undefined ? '' : `; did you mean ${guess}?`} (the commands are ${names.join(', ')})`,
  );
}

/** Where the command line reads and writes: the process's own streams, or a test's. */
export interface CliStreams {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
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
    const command = program(
      streams,
      (e, d) => {
        execute = e;
        debug = d;
      },
      runRequest,
    );
    command.parse(
      pathsAfterDoubleDash(
        argv,
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
    streams.stdout.write(outcome.stdout);
    for (const line of outcome.stderr) streams.stderr.write(`vos-audit: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const detail = debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    return usage(`internal error: ${printable(String(error))}; please report it${detail}`);
  }
}
