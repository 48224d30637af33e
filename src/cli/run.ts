import { analyzeModule, auditModule, type ModuleInput, type ModuleResult } from '../engine/audit.ts';
import { UserError } from '../io/errors.ts';
import type { Severity } from '../model/settings.ts';
import { parseModuleFiles, type SourceOfKind } from '../model/files.ts';
import type { FileKind } from '../languages/registry.ts';
import { discoverModules, expandToModules, type DiscoveredFile } from '../io/discover.ts';
import { megabytes, readSource } from '../io/read.ts';
import { stoppedExitCode, writeAll } from '../io/write.ts';
import { fileKinds, kindByContent, kindByName, knownNamesText, languageOf } from '../languages/registry.ts';
import { atLeast } from '../engine/message.ts';
import { formatDiff } from '../report/diff.ts';
import { formatJson } from '../report/json.ts';
import { formatGcc, formatGithub } from '../report/lines.ts';
import { assumptionLine } from '../report/assumptions.ts';
import { formatPorts, type PortsOptions } from '../report/ports.ts';
import { formatTcpdmatch, type TcpdmatchFormat } from '../report/tcpdmatch.ts';
import { modulePolicy, evaluate } from '../model/tcpd-policy.ts';
import { accessRequest } from './tcpdmatch.ts';
import { printable } from '../report/printable.ts';
import { formatSarif } from '../report/sarif.ts';
import { formatText } from '../report/text.ts';
import type { NotShown } from '../report/summary.ts';
import { formatVerification } from '../report/verify.ts';
import { parseNmapXml, ScanError } from '../policy/nmap-scan.ts';
import { verifyScan } from '../policy/verify.ts';
import { findConfig, ignored, loadConfig, type Config } from './config.ts';
import { modulesPolicy, policyRemarks, renderPolicy, type FirewallOptions } from './firewall.ts';
import { resolveSettings, type StatedSettings } from './settings.ts';
import { encodeSource } from '../syntax/source.ts';

export const outputFormats = ['text', 'json', 'sarif', 'gcc', 'github'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface RequestBase {
  paths: string[];
  /** What the command line states about every module; the rest comes from each module's .vos-audit.json. */
  settings: StatedSettings;
  /** `--config FILE`: this configuration for every module, instead of the nearest .vos-audit.json. */
  config?: string;
  /** `--kind FILE=KIND`: kinds stated by the user, by path as given. */
  kinds: ReadonlyMap<string, FileKind>;
  /** Each file named stands for its whole module (the pre-commit hooks). */
  expandModules?: boolean;
  /** Reads standard input, for the path `-`. */
  readStandardInput?: () => Buffer;
  toolVersion: string;
}

/** Audit the modules: report, fix them (`--fix`), or show the fixes (`--diff`). */
export interface AuditRequest extends RequestBase {
  command: 'audit';
  mode: 'check' | 'fix' | 'diff';
  format: OutputFormat;
  /** With fix or diff: apply the suggestions too. */
  suggestions: boolean;
  /** Report errors only. */
  quiet?: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Colour the text output. */
  color?: boolean;
}

/** Print each module's live-port table. */
export interface PortsRequest extends RequestBase, PortsOptions {
  command: 'ports';
}

/** Compare the modules' models with an nmap scan. */
export interface VerifyRequest extends RequestBase {
  command: 'verify';
  /** The nmap XML file (`nmap -oX`), or `-` for standard input. */
  scan: string;
  format: OutputFormat;
  maxWarnings?: number;
  color?: boolean;
}

/** Answer as tcpdmatch would, from one module's hosts.allow and hosts.deny. */
export interface TcpdmatchRequest extends RequestBase {
  command: 'tcpdmatch';
  daemon: string;
  client: string;
  format: TcpdmatchFormat;
}

/** Derive and print (or, for capirca, write) each module's firewall policy. */
export interface FirewallRequest extends RequestBase, FirewallOptions {
  command: 'firewall';
}

export type RunRequest = AuditRequest | PortsRequest | VerifyRequest | TcpdmatchRequest | FirewallRequest;

export interface RunOutcome {
  stdout: string | Buffer;
  /** One line per problem vos-audit had with a path: a file it could not read, recognise or write. */
  stderr: string[];
  /** 0, 1 or 2 (see the README); 128 + the signal's number when a signal stopped --fix. */
  exitCode: number;
}

const unknownKind = (path: string) =>
  `${path}: not a file vos-audit knows by its name or content (it reads ${knownNamesText}); say which with --kind ${path}=${fileKinds.join('|')}`;

function readFile(found: DiscoveredFile, request: RunRequest, problems: string[]): SourceOfKind[] {
  const read = readSource(found, request.readStandardInput);
  if (!read.ok) {
    problems.push(read.reason);
    return [];
  }
  const kind =
    request.kinds.get(found.path) ??
    kindByName(found.path) ??
    (found.explicit ? kindByContent(read.source.text) : undefined);
  if (kind === undefined) {
    problems.push(unknownKind(found.path));
    return [];
  }
  const { maxBytes, title } = languageOf(kind);
  if (read.source.bytes.length > maxBytes) {
    problems.push(
      `${found.path} is ${megabytes(read.source.bytes.length, 1)}, more than the ${megabytes(maxBytes)} vos-audit reads of ${title}; not read`,
    );
    return [];
  }
  return [{ source: read.source, kind }];
}

/** Finds the modules, each with the settings of its .vos-audit.json (or --config) and the files it does not ignore. */
function readModules(request: RunRequest, problems: string[]): ModuleInput[] {
  const paths = request.expandModules ? expandToModules(request.paths) : request.paths;
  const configs = new Map<string, Config>();
  const configAt = (path: string | undefined) => {
    if (path !== undefined && !configs.has(path)) configs.set(path, loadConfig(path));
    return path === undefined ? undefined : configs.get(path);
  };
  return discoverModules(paths, { problems }).map((module) => {
    const config = configAt(request.config ?? findConfig(module.directory));
    const files = module.files.filter((found) => found.explicit || !ignored(config, found.path));
    return {
      name: module.name,
      settings: resolveSettings(request.settings, config),
      files: files.flatMap((found) => readFile(found, request, problems)),
    };
  });
}

interface FixesWritten {
  results: ModuleResult[];
  written: string[];
  stoppedBy?: NodeJS.Signals;
}

/**
 * Writes each changed file. A file that cannot be written keeps its original bytes; it is named in `problems` with
 * the fixes that were not written, and its module is audited again as it is on disk, so that the report describes
 * the files as they are, not as they would have been.
 */
async function writeFixes(
  modules: readonly ModuleInput[],
  results: readonly ModuleResult[],
  problems: string[],
): Promise<FixesWritten> {
  const changed = results.flatMap((result, m) =>
    result.files.flatMap((file) => (file.applied.length > 0 ? [{ m, file }] : [])),
  );
  const report = await writeAll(
    changed.map(({ file }) => ({
      path: file.source.path,
      location: file.source.origin ?? file.source.path,
      bytes: encodeSource(file.source, file.output),
      original: file.source.bytes,
    })),
  );
  const unwritten = new Set<number>();
  for (const [i, reason] of report.failures) {
    const { m, file } = changed[i]!;
    problems.push(reason, ...file.applied.map((fix) => `not written to ${file.source.path}: ${fix.description}`));
    unwritten.add(m);
    file.applied = [];
  }
  return {
    ...report,
    results: results.map((result, m) => (unwritten.has(m) ? auditOnDisk(modules[m]!, result) : result)),
  };
}

/** A module audited again with each file's text as it is on disk: fixed where it was written, else as it was read. */
function auditOnDisk(module: ModuleInput, result: ModuleResult): ModuleResult {
  const written = (i: number) => result.files[i]!.applied.length > 0;
  const files = module.files.map((read, i) =>
    written(i) ? { ...read, source: { ...read.source, text: result.files[i]!.output } } : read,
  );
  const onDisk = auditModule({ ...module, files }, { fix: false });
  return { ...onDisk, files: onDisk.files.map((file, i) => (written(i) ? result.files[i]! : file)) };
}

function stoppedOutcome(written: readonly string[], signal: NodeJS.Signals, problems: readonly string[]): RunOutcome {
  const summary = `stopped by ${signal} before every fix was written; ${written.length === 0 ? 'no file was written' : `the ${written.length} files written before stopping are listed below`}; the others are unchanged`;
  return {
    stdout: '',
    stderr: [...problems, summary, ...written.map((path) => `written before stopping: ${path}`)].map(printable),
    exitCode: stoppedExitCode(signal),
  };
}

/** With `-q`, the warnings and infos left out of the report, so that its summary can say so rather than count 0. */
function notShownBy(request: AuditRequest, results: readonly ModuleResult[]): NotShown | undefined {
  if (!request.quiet) return undefined;
  const messages = results.flatMap((result) => result.files.flatMap((file) => file.messages));
  return {
    warnings: messages.filter((m) => m.severity === 'warning').length,
    infos: messages.filter((m) => m.severity === 'info').length,
  };
}

function renderAudit(request: AuditRequest, results: ModuleResult[]): string | Buffer {
  const shown = request.quiet
    ? results.map((result) => ({
        ...result,
        files: result.files.map((file) => ({ ...file, messages: file.messages.filter((m) => m.severity === 'error') })),
      }))
    : results;
  const files = shown.flatMap((result) => result.files);
  const notShown = notShownBy(request, results);
  if (request.mode === 'diff') return formatDiff(files);
  switch (request.format) {
    case 'json':
      return formatJson(shown, resolveSettings(request.settings), request.toolVersion, request.mode, notShown);
    case 'sarif':
      return formatSarif(files, request.toolVersion);
    case 'gcc':
      return formatGcc(files);
    case 'github':
      return formatGithub(files);
    default:
      return formatText(files, request.mode, request.color ?? false, assumptionLine(shown), notShown);
  }
}

/** Whether findings of these severities fail the run: an error, or more warnings than allowed. */
function fails(severities: readonly Severity[], maxWarnings: number | undefined): boolean {
  const warnings = severities.filter((severity) => severity === 'warning').length;
  return (
    severities.some((severity) => atLeast(severity, 'error')) || (maxWarnings !== undefined && warnings > maxWarnings)
  );
}

/** Each module's address is its own: a scanned host matched to two modules would be judged twice, by two models. */
function addressProblem(request: VerifyRequest, modules: readonly ModuleInput[]): string | undefined {
  if (request.settings.address !== undefined && modules.length > 1) {
    return `--address gives one module's address, but the paths hold ${modules.length} modules (${modules.map((m) => m.name).join(', ')}); set "address" in each module's .vos-audit.json instead`;
  }
  const byAddress = new Map<string, string>();
  for (const module of modules) {
    const address = module.settings.address;
    if (address === undefined) continue;
    const other = byAddress.get(address);
    if (other !== undefined)
      return `modules ${other} and ${module.name} have the same address ${address}: a module's "address" is its own (is it set in a .vos-audit.json above both?)`;
    byAddress.set(address, module.name);
  }
  return undefined;
}

/** `verify`: read and parse the scan, model each module, compare, render; a scan that cannot be used exits 2. */
function verify(request: VerifyRequest, modules: readonly ModuleInput[], problems: string[]): RunOutcome {
  const stop = (reason: string): RunOutcome => ({
    stdout: '',
    stderr: [...problems, reason].map(printable),
    exitCode: 2,
  });
  const conflict = addressProblem(request, modules);
  if (conflict !== undefined) return stop(conflict);
  const read = readSource({ path: request.scan, location: request.scan }, request.readStandardInput);
  if (!read.ok) return stop(read.reason);
  let scan;
  try {
    scan = parseNmapXml(read.source.text);
  } catch (error) {
    if (error instanceof ScanError)
      return stop(`${request.scan === '-' ? 'standard input' : request.scan} ${error.message}`);
    throw error;
  }
  const verification = verifyScan(
    scan,
    modules.map((module) => ({
      name: module.name,
      model: analyzeModule(module).model,
      ...(module.settings.address && { address: module.settings.address }),
    })),
  );
  const stdout = formatVerification(
    verification,
    read.source,
    request.format,
    request.toolVersion,
    request.color ?? false,
  );
  const failed = fails(
    verification.findings.map((f) => f.severity),
    request.maxWarnings,
  );
  return { stdout, stderr: problems.map(printable), exitCode: problems.length > 0 ? 2 : failed ? 1 : 0 };
}

/** `vos-audit tcpdmatch`: one module's policy asked about one request, as tcpdmatch would be. */
function tcpdmatch(request: TcpdmatchRequest, modules: readonly ModuleInput[], problems: string[]): RunOutcome {
  if (modules.length !== 1) {
    const found = modules.map((module) => module.name).join(', ');
    return {
      stdout: '',
      stderr: [
        ...problems,
        `tcpdmatch reads one module's policy; the paths given hold ${modules.length}${found ? ` (${found})` : ''}: name one`,
      ].map(printable),
      exitCode: 2,
    };
  }
  const files = parseModuleFiles(modules[0]!.files);
  const asked = accessRequest(request.daemon, request.client);
  const verdict = evaluate(modulePolicy(files), asked);
  return {
    stdout: formatTcpdmatch(asked, verdict, request.format, request.daemon, request.client),
    stderr: problems.map(printable),
    exitCode: problems.length > 0 ? 2 : 0,
  };
}

/** The whole run, from paths to what is printed and the exit code; the CLI only parses arguments and prints. */
export async function run(request: RunRequest): Promise<RunOutcome> {
  const problems: string[] = [];
  let modules: ModuleInput[];
  try {
    modules = readModules(request, problems);
  } catch (error) {
    if (error instanceof UserError) return { stdout: '', stderr: [printable(error.message)], exitCode: 2 };
    throw error;
  }
  const audited = modules.filter((module) => module.files.length > 0);
  if (request.command === 'verify') return verify(request, audited, problems);
  if (request.command === 'tcpdmatch') return tcpdmatch(request, audited, problems);
  if (request.command === 'ports') {
    const models = audited.map((module) => analyzeModule(module).model);
    return {
      stdout: formatPorts(models, request, assumptionLine(audited)),
      stderr: problems.map(printable),
      exitCode: problems.length > 0 ? 2 : 0,
    };
  }
  if (request.command === 'firewall') {
    if (request.settings.address !== undefined && audited.length > 1) {
      return {
        stdout: '',
        stderr: [
          `--address names one module's address, and this run has ${audited.length} modules: set "address" in each module's .vos-audit.json`,
        ],
        exitCode: 2,
      };
    }
    const policy = modulesPolicy(audited, request.includeConditional);
    const rendered = renderPolicy(policy, request);
    const failures = [...problems, ...rendered.problems].map(printable);
    return {
      stdout: rendered.stdout,
      stderr: [...policyRemarks(policy), ...failures],
      exitCode: failures.length > 0 ? 2 : 0,
    };
  }
  const fix = request.mode !== 'check';
  let results = audited.map((module) => auditModule(module, { fix, suggestions: request.suggestions }));
  if (request.mode === 'fix') {
    const fixes = await writeFixes(audited, results, problems);
    if (fixes.stoppedBy !== undefined) return stoppedOutcome(fixes.written, fixes.stoppedBy, problems);
    results = fixes.results;
  }
  // When no file could be audited, the text summary would read "no problems in 0 files", like a pass.
  const nothingAudited = results.length === 0 && problems.length > 0 && request.format === 'text';
  const stdout = nothingAudited ? '' : renderAudit(request, results);
  return {
    stdout,
    stderr: problems.map(printable),
    exitCode:
      problems.length > 0
        ? 2
        : fails(
              results.flatMap((result) => result.files.flatMap((file) => file.messages.map((m) => m.severity))),
              request.maxWarnings,
            )
          ? 1
          : 0,
  };
}
