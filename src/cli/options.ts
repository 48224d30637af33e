import { Command, InvalidArgumentError, Option } from 'commander';
import { isProductCode } from '../catalog/products.ts';
import { acceptedReleaseForms, parseRelease, type Release } from '../catalog/releases.ts';
import { fileKinds, type FileKind } from '../languages/registry.ts';
import { mergeFacts, readFact, type SiteFacts } from '../model/site-facts.ts';
import { canonicalAddress } from '../util/address.ts';
import { configName, isMaxOpenServer, maxOpenServerExpected } from './config.ts';
import type { RequestBase } from './read-modules.ts';
import { stderrLineBudget } from './remarks.ts';
import type { StatedSettings } from './settings.ts';
import type { CliStreams } from './streams.ts';
import { version } from './version.ts';
import { docsBaseOf, docsUrlVariable } from '../report/docs-url.ts';

/** The report formats of the audit and of verify. */
export const outputFormats = ['text', 'json', 'sarif', 'gcc', 'github'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The flags commander parses for every command that reads modules. */
export interface ModuleFlags extends StatedSettings {
  /** `--address`: one module's address. */
  address?: string;
  nioAddress?: string[];
  fact?: SiteFacts;
  config?: string;
  kind?: Map<string, FileKind>;
  verbose?: boolean;
  debug?: boolean;
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

function nioAddressArgument(value: string): string[] {
  const addresses = value
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const bad = addresses.find((address) => canonicalAddress(address) === undefined);
  if (bad !== undefined || addresses.length === 0)
    throw new InvalidArgumentError(
      `'${bad ?? value}' is not an address; ` +
        `expected the NIO's numeric address, such as 10.9.9.9 (several separated by commas)`,
    );
  return addresses.map((address) => canonicalAddress(address)!);
}

function maxOpenServerArgument(key: 'maxOpenServer' | 'backboneMaxOpenServer') {
  return (value: string): number => {
    const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!isMaxOpenServer(n, key)) throw new InvalidArgumentError(`expected ${maxOpenServerExpected(key)}`);
    return n;
  };
}

function kindArgument(value: string, previous: Map<string, FileKind> = new Map()): Map<string, FileKind> {
  const at = value.lastIndexOf('=');
  const kind = value.slice(at + 1) as FileKind;
  if (at <= 0 || !fileKinds.includes(kind))
    throw new InvalidArgumentError(`expected FILE=KIND with KIND one of ${fileKinds.join(', ')}`);
  return new Map(previous).set(value.slice(0, at), kind);
}

/**
 * `--fact TEXT=VALUE`, repeatable: a condition's truth (`exists -file x=true`) or a variable's value
 * (`max_servs=4`). The value follows the last `=`, so that a comparison can be the condition.
 */
function factArgument(value: string, previous?: SiteFacts): SiteFacts {
  const at = value.lastIndexOf('=');
  const written = value.slice(at + 1).trim();
  const stated = /^(true|false)$/i.test(written)
    ? written.toLowerCase() === 'true'
    : /^-?[0-9]+$/.test(written)
      ? Number(written)
      : written;
  const read = at <= 0 ? { expected: 'TEXT=VALUE' } : readFact(value.slice(0, at), stated, '--fact');
  if ('expected' in read)
    throw new InvalidArgumentError(
      `expected a condition and its truth (exists -file x=true) or a variable and its value (max_servs=4); the fact must be ${read.expected}`,
    );
  return mergeFacts(previous, {
    conditions: new Map(read.kind === 'condition' ? [[read.key, read.fact]] : []),
    variables: new Map(read.kind === 'variable' ? [[read.key, read.fact]] : []),
  })!;
}

/** `--max-warnings <n>`, of the audit and of verify. */
export function threshold(value: string): number {
  // Number() reads '' and blanks as 0, and accepts 1e3 and 0x10: only digits are a count.
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more');
  return n;
}

/** The options of every command that reads modules, after the command's own. */
export function withModuleOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--release <X.Y[.Z]>',
        'VOS release of the module, such as 15.1 or 15.1.0ar ' +
          '(default: not stated; ports that exist only in some releases are conditional on them)',
      ).argParser(releaseArgument),
    )
    .option(
      '--max-open-server <n>',
      'max_open_server of new_modules.tin: gives the OSL port range',
      maxOpenServerArgument('maxOpenServer'),
    )
    .option(
      '--backbone-max-open-server <n>',
      'max_open_server of new_backbone_systems.tin: gives the OSN port range of a bridge module',
      maxOpenServerArgument('backboneMaxOpenServer'),
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
    .option(
      '--fact <text=value>',
      `a condition's truth or a variable's value, such as 'exists -file x=true' or max_servs=4 (repeatable; over "facts" in ${configName})`,
      factArgument,
    )
    .option('--config <file>', `use this configuration for every module instead of the nearest ${configName}`)
    .option('--kind <file=kind>', `read FILE as KIND (${fileKinds.join(', ')}); repeatable`, kindArgument)
    .option(
      '--verbose',
      `print every note on stderr on a line of its own (default: a note that modules share once, within ${stderrLineBudget} lines)`,
    )
    .option('--debug', 'print stack traces of internal errors');
}

/** What the flags say of the request, whichever command they were given to. */
export function requestBase(paths: string[], flags: ModuleFlags, streams: CliStreams): RequestBase {
  const docsBase = docsBaseOf(streams.env);
  // Reports would carry it as their links: a value that is no address would make them invalid SARIF and JSON.
  if (docsBase !== undefined && !URL.canParse(docsBase))
    throw new InvalidArgumentError(
      `${docsUrlVariable} is '${streams.env[docsUrlVariable]}', which is not an address; expected where a copy of ` +
        'docs/ is published, such as https://example.com/vos-audit/docs/',
    );
  return {
    paths,
    settings: {
      ...(flags.release && { release: flags.release }),
      ...(flags.nio && { nio: true }),
      ...(flags.products && { products: flags.products }),
      ...(flags.maxOpenServer !== undefined && { maxOpenServer: flags.maxOpenServer }),
      ...(flags.backboneMaxOpenServer !== undefined && { backboneMaxOpenServer: flags.backboneMaxOpenServer }),
      ...(flags.bridge !== undefined && { bridge: flags.bridge }),
      ...(flags.address && { addresses: [flags.address] }),
      ...(flags.nioAddress && { nioAddresses: flags.nioAddress }),
      ...(flags.system && { system: flags.system }),
      ...(flags.fact && { facts: flags.fact }),
    },
    ...(flags.config && { config: flags.config }),
    kinds: flags.kind ?? new Map(),
    verbose: flags.verbose ?? false,
    readStandardInput: streams.readStandardInput,
    toolVersion: version,
    ...(docsBase !== undefined && { docsBase }),
  };
}
