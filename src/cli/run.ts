import { analyzeModule, auditModule, type FileResult, type ModuleInput, type ModuleResult } from '../engine/audit.ts';
import { describeIoError, UserError } from '../io/errors.ts';
import type { SourceOfKind } from '../model/files.ts';
import type { FileKind } from '../languages/registry.ts';
import { discoverModules, expandToModules, type DiscoveredFile } from '../io/discover.ts';
import { readSource } from '../io/read.ts';
import { writeAtomically } from '../io/write.ts';
import { kindByContent, kindByName } from '../languages/registry.ts';
import { atLeast } from '../engine/message.ts';
import { formatDiff } from '../report/diff.ts';
import { formatJson } from '../report/json.ts';
import { formatGcc, formatGithub } from '../report/lines.ts';
import { formatPorts, type PortsFormat } from '../report/ports.ts';
import { printable } from '../report/printable.ts';
import { formatSarif } from '../report/sarif.ts';
import { formatText } from '../report/text.ts';
import { findConfig, ignored, loadConfig, type Config } from './config.ts';
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
export interface PortsRequest extends RequestBase {
  command: 'ports';
  format: PortsFormat;
}

export type RunRequest = AuditRequest | PortsRequest;

export interface RunOutcome {
  stdout: string | Buffer;
  /** One line per problem vos-audit had with a path: a file it could not read, recognise or write. */
  stderr: string[];
  exitCode: 0 | 1 | 2;
}

const unknownKind = (path: string) =>
  `${path}: not a file vos-audit knows by its name or content (it reads inetd.conf, command macros *.cm, telnet_admin listings and services files); say which with --kind ${path}=inetd|macro|telnet-admin|services`;

function readFile(found: DiscoveredFile, request: RunRequest, problems: string[]): SourceOfKind[] {
  const read = readSource(found.path, request.readStandardInput);
  if (!read.ok) {
    problems.push(read.reason);
    return [];
  }
  const kind = request.kinds.get(found.path) ?? kindByName(found.path) ?? (found.explicit ? kindByContent(read.source.text) : undefined);
  if (kind === undefined) {
    problems.push(unknownKind(found.path));
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
  return discoverModules(paths).map((module) => {
    const config = configAt(request.config ?? findConfig(module.directory));
    const files = module.files.filter((found) => found.explicit || !ignored(config, found.path));
    return { name: module.name, settings: resolveSettings(request.settings, config), files: files.flatMap((found) => readFile(found, request, problems)) };
  });
}

/** Writes each changed file; a file that cannot be written keeps its original bytes and is named in `problems`. */
function writeFixes(result: ModuleResult, problems: string[]): ModuleResult {
  const files = result.files.map((file): FileResult => {
    if (file.applied.length === 0) return file;
    try {
      writeAtomically(file.source.path, encodeSource(file.source, file.output), file.source.bytes);
      return file;
    } catch (error) {
      problems.push(error instanceof UserError ? error.message : `cannot write ${file.source.path}: ${describeIoError(error)}`);
      return { ...file, output: file.source.text, applied: [] };
    }
  });
  return { ...result, files };
}

function renderAudit(request: AuditRequest, results: ModuleResult[]): string | Buffer {
  const shown = request.quiet ? results.map((result) => ({ ...result, files: result.files.map((file) => ({ ...file, messages: file.messages.filter((m) => m.severity === 'error') })) })) : results;
  const files = shown.flatMap((result) => result.files);
  if (request.mode === 'diff') return formatDiff(files);
  switch (request.format) {
    case 'json':
      return formatJson(shown, resolveSettings(request.settings), request.toolVersion, request.mode);
    case 'sarif':
      return formatSarif(files, request.toolVersion);
    case 'gcc':
      return formatGcc(files);
    case 'github':
      return formatGithub(files);
    default:
      return formatText(files, request.mode, request.color ?? false);
  }
}

/** Whether the findings fail the run: an error, or more warnings than allowed. */
function failed(request: AuditRequest, results: readonly ModuleResult[]): boolean {
  const messages = results.flatMap((result) => result.files.flatMap((file) => file.messages));
  const warnings = messages.filter((m) => m.severity === 'warning').length;
  return messages.some((m) => atLeast(m.severity, 'error')) || (request.maxWarnings !== undefined && warnings > request.maxWarnings);
}

/** The whole run, from paths to what is printed and the exit code; the CLI only parses arguments and prints. */
export function run(request: RunRequest): RunOutcome {
  const problems: string[] = [];
  let modules: ModuleInput[];
  try {
    modules = readModules(request, problems);
  } catch (error) {
    if (error instanceof UserError) return { stdout: '', stderr: [printable(error.message)], exitCode: 2 };
    throw error;
  }
  const audited = modules.filter((module) => module.files.length > 0);
  if (request.command === 'ports') {
    const models = audited.map((module) => analyzeModule(module).model);
    return { stdout: formatPorts(models, request.format), stderr: problems.map(printable), exitCode: problems.length > 0 ? 2 : 0 };
  }
  const fix = request.mode !== 'check';
  let results = audited.map((module) => auditModule(module, { fix, suggestions: request.suggestions }));
  if (request.mode === 'fix') results = results.map((result) => writeFixes(result, problems));
  // When no file could be audited, the text summary would read "no problems in 0 files", like a pass.
  const nothingAudited = results.length === 0 && problems.length > 0 && request.format === 'text';
  const stdout = nothingAudited ? '' : renderAudit(request, results);
  return { stdout, stderr: problems.map(printable), exitCode: problems.length > 0 ? 2 : failed(request, results) ? 1 : 0 };
}
