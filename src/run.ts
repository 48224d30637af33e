import { auditModule, type ModuleResult } from './engine.ts';
import { UserError } from './errors.ts';
import type { FileKind, SourceOfKind } from './files.ts';
import { discoverModules, expandToModules, type DiscoveredFile } from './io/discover.ts';
import { readSource } from './io/read.ts';
import { stoppedExitCode, writeAll } from './io/write.ts';
import { kindByContent, kindByName } from './kind.ts';
import { atLeast } from './message.ts';
import { formatDiff } from './report/diff.ts';
import { formatJson } from './report/json.ts';
import { formatGcc, formatGithub } from './report/lines.ts';
import { formatPorts, type PortsFormat } from './report/ports.ts';
import { printable } from './report/printable.ts';
import { formatSarif } from './report/sarif.ts';
import { formatText } from './report/text.ts';
import type { AuditOptions, Rule } from './rules/rule.ts';
import { configuredRules, findConfig, ignored, loadConfig, type Config } from './config.ts';
import { newestRelease, type Release } from './catalog/releases.ts';
import { encodeSource } from './syntax/source.ts';

export const outputFormats = ['text', 'json', 'sarif', 'gcc', 'github'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The options given on the command line; what is not given comes from the module's .vos-audit.json, else defaults. */
export interface CommandLineOptions {
  release?: Release;
  nio?: boolean;
  products?: ReadonlySet<string>;
  /** `--config FILE`: this configuration for every module, instead of the nearest .vos-audit.json. */
  config?: string;
}

export interface RunRequest {
  paths: string[];
  options: CommandLineOptions;
  mode: 'check' | 'fix' | 'diff' | 'ports';
  format: OutputFormat | PortsFormat;
  /** With fix or diff: apply the suggestions too. */
  suggestions: boolean;
  /** `--kind FILE=KIND`: kinds stated by the user, by path as given. */
  kinds: ReadonlyMap<string, FileKind>;
  /** Each file named stands for its whole module (the pre-commit hooks). */
  expandModules?: boolean;
  /** Report errors only. */
  quiet?: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Colour the text output. */
  color?: boolean;
  toolVersion: string;
}

export interface RunOutcome {
  stdout: string | Buffer;
  /** One line per problem vos-audit had with a path: a file it could not read, recognise or write. */
  stderr: string[];
  /** 0, 1 or 2 (see the README); 128 + the signal's number when a signal stopped --fix. */
  exitCode: number;
}

interface ReadModule {
  name: string;
  files: Array<SourceOfKind & { bytes: Buffer; target?: Buffer }>;
  options: AuditOptions;
  rules: readonly Rule[];
}

function moduleSettings(request: RunRequest, config: Config | undefined): Pick<ReadModule, 'options' | 'rules'> {
  const { release = config?.release ?? newestRelease, nio = config?.nio ?? false } = request.options;
  const products = request.options.products ?? config?.products;
  return { options: { release, nio, ...(products && { products }) }, rules: configuredRules(config) };
}

const unknownKind = (path: string) =>
  `${path}: not a file vos-audit knows by its name or content (it reads inetd.conf, command macros *.cm, telnet_admin listings and services files); say which with --kind ${path}=inetd|macro|telnet-admin|services`;

function readFile(found: DiscoveredFile, request: RunRequest, problems: string[]): ReadModule['files'] {
  const read = readSource(found);
  if (!read.ok) {
    problems.push(read.reason);
    return [];
  }
  const kind = request.kinds.get(found.path) ?? kindByName(found.path) ?? (found.explicit ? kindByContent(read.source.text) : undefined);
  if (kind === undefined) {
    problems.push(unknownKind(found.path));
    return [];
  }
  return [{ source: read.source, kind, bytes: read.bytes, ...(read.target && { target: read.target }) }];
}

/** Finds the modules, each with the settings of its .vos-audit.json (or --config) and the files it does not ignore. */
function readModules(request: RunRequest, problems: string[]): ReadModule[] {
  const paths = request.expandModules ? expandToModules(request.paths) : request.paths;
  const configs = new Map<string, Config>();
  const configAt = (path: string | undefined) => {
    if (path !== undefined && !configs.has(path)) configs.set(path, loadConfig(path));
    return path === undefined ? undefined : configs.get(path);
  };
  return discoverModules(paths, { problems }).map((module) => {
    const config = configAt(request.options.config ?? findConfig(module.directory));
    const files = module.files.filter((found) => found.explicit || !ignored(config, found.path));
    return { name: module.name, ...moduleSettings(request, config), files: files.flatMap((found) => readFile(found, request, problems)) };
  });
}

// --fix's writes ---------------------------------------------------------------------------------------------

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
async function writeFixes(modules: readonly ReadModule[], results: readonly ModuleResult[], problems: string[]): Promise<FixesWritten> {
  const changed = results.flatMap((result, m) => result.files.flatMap((file, f) => (file.applied.length > 0 ? [{ m, f, file }] : [])));
  const report = await writeAll(
    changed.map(({ m, f, file }) => {
      const read = modules[m]!.files[f]!;
      return { path: file.source.path, location: read.target ?? file.source.path, bytes: encodeSource(file.source, file.output), original: read.bytes };
    }),
  );
  const unwritten = new Set<ModuleResult>();
  for (const [i, reason] of report.failures) {
    const { m, file } = changed[i]!;
    problems.push(reason, ...file.applied.map((fix) => `not written to ${file.source.path}: ${fix.description}`));
    unwritten.add(results[m]!);
    file.applied = [];
  }
  return { ...report, results: results.map((result, m) => (unwritten.has(result) ? auditOnDisk(modules[m]!, result) : result)) };
}

/** A module audited again with each file's text as it is on disk: fixed where it was written, else as it was read. */
function auditOnDisk(module: ReadModule, result: ModuleResult): ModuleResult {
  const files = module.files.map((read, i) => {
    const file = result.files[i]!;
    return { ...read, source: file.applied.length > 0 ? { ...file.source, text: file.output } : file.source };
  });
  const onDisk = auditModule({ name: module.name, files }, { options: module.options, rules: module.rules, fix: false });
  return { ...onDisk, files: onDisk.files.map((file, i) => (result.files[i]!.applied.length > 0 ? result.files[i]! : file)) };
}

function stoppedOutcome(written: readonly string[], signal: NodeJS.Signals, problems: readonly string[]): RunOutcome {
  const summary = `stopped by ${signal} before every fix was written; ${written.length === 0 ? 'no file was written' : `the ${written.length} files written before stopping are listed below`}; the others are unchanged`;
  return { stdout: '', stderr: [...problems, summary, ...written.map((path) => `written before stopping: ${path}`)].map(printable), exitCode: stoppedExitCode(signal) };
}

// ---------------------------------------------------------------------------------------------------------------

function render(request: RunRequest, options: AuditOptions, results: ModuleResult[]): string | Buffer {
  const files = results
    .flatMap((result) => result.files)
    .map((file) => (request.quiet ? { ...file, messages: file.messages.filter((m) => m.severity === 'error') } : file));
  if (request.mode === 'ports') return formatPorts(results.map((result) => result.model), request.format as PortsFormat);
  if (request.mode === 'diff') return formatDiff(files);
  switch (request.format) {
    case 'json':
      return formatJson(files, options, request.toolVersion, request.mode === 'fix' ? 'fix' : 'check');
    case 'sarif':
      return formatSarif(files, request.toolVersion);
    case 'gcc':
      return formatGcc(files);
    case 'github':
      return formatGithub(files);
    default:
      return formatText(files, request.mode === 'fix' ? 'fix' : 'check', request.color ?? false);
  }
}

/** The whole run, from paths to what is printed and the exit code; the CLI only parses arguments and prints. */
export async function run(request: RunRequest): Promise<RunOutcome> {
  const problems: string[] = [];
  let modules: ReadModule[];
  try {
    modules = readModules(request, problems);
  } catch (error) {
    if (error instanceof UserError) return { stdout: '', stderr: [printable(error.message)], exitCode: 2 };
    throw error;
  }
  const fix = request.mode === 'fix' || request.mode === 'diff';
  const audited = modules.filter((module) => module.files.length > 0);
  let results = audited.map((module) =>
    auditModule({ name: module.name, files: module.files }, { options: module.options, rules: module.rules, fix, suggestions: request.suggestions }),
  );
  if (request.mode === 'fix') {
    const fixes = await writeFixes(audited, results, problems);
    if (fixes.stoppedBy !== undefined) return stoppedOutcome(fixes.written, fixes.stoppedBy, problems);
    results = fixes.results;
  }

  const messages = results.flatMap((result) => result.files.flatMap((file) => file.messages));
  const warnings = messages.filter((m) => m.severity === 'warning').length;
  const failed =
    request.mode !== 'ports' && (messages.some((m) => atLeast(m.severity, 'error')) || (request.maxWarnings !== undefined && warnings > request.maxWarnings));
  const options = modules[0]?.options ?? moduleSettings(request, undefined).options;
  // When no file could be audited, the text summary would read "no problems in 0 files", like a pass.
  const nothingAudited = results.length === 0 && problems.length > 0 && request.mode !== 'ports' && request.format === 'text';
  const stdout = nothingAudited ? '' : render(request, options, results);
  return { stdout, stderr: problems.map(printable), exitCode: problems.length > 0 ? 2 : failed ? 1 : 0 };
}
