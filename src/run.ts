import { auditSource, type FileResult } from './engine.ts';
import { describeIoError, UserError } from './errors.ts';
import { discover } from './io/discover.ts';
import { readSource } from './io/read.ts';
import { writeAtomically } from './io/write.ts';
import { detectKind } from './kind.ts';
import { atLeast } from './message.ts';
import { formatDiff } from './report/diff.ts';
import { formatJson } from './report/json.ts';
import { printable } from './report/printable.ts';
import { formatText } from './report/text.ts';
import type { AuditOptions } from './rules/rule.ts';
import { encodeSource, type Source } from './syntax/source.ts';

export type OutputFormat = 'text' | 'json';

export interface RunRequest {
  paths: string[];
  options: AuditOptions;
  mode: 'check' | 'fix' | 'diff';
  format: OutputFormat;
  toolVersion: string;
}

export interface RunOutcome {
  stdout: string | Buffer;
  /** One line per problem vos-audit had with a path: a file it could not read, recognise or write. */
  stderr: string[];
  exitCode: 0 | 1 | 2;
}

interface ReadFile {
  source: Source;
  bytes: Buffer;
}

function readAll(paths: string[], problems: string[]): ReadFile[] {
  const files: ReadFile[] = [];
  for (const found of discover(paths)) {
    const read = readSource(found.path);
    if (!read.ok) problems.push(read.reason);
    else if (found.explicit && detectKind(read.source) === undefined) {
      problems.push(`${found.path}: not a file vos-audit knows (it reads inetd.conf; this file has no inetd entries)`);
    } else files.push({ source: read.source, bytes: read.bytes });
  }
  return files;
}

/** Writes each changed file; a file that cannot be written keeps its original bytes and is named in `problems`. */
function writeFixes(files: ReadFile[], results: FileResult[], problems: string[]): FileResult[] {
  return results.map((result, i) => {
    if (result.applied.length === 0) return result;
    try {
      writeAtomically(result.source.path, encodeSource(result.source, result.output), files[i]!.bytes);
      return result;
    } catch (error) {
      problems.push(error instanceof UserError ? error.message : `cannot write ${result.source.path}: ${describeIoError(error)}`);
      return { ...result, output: result.source.text, applied: [] };
    }
  });
}

/** The whole run, from paths to what is printed and the exit code; the CLI only parses arguments and prints. */
export function run(request: RunRequest): RunOutcome {
  const problems: string[] = [];
  let files: ReadFile[];
  try {
    files = readAll(request.paths, problems);
  } catch (error) {
    if (error instanceof UserError) return { stdout: '', stderr: [printable(error.message)], exitCode: 2 };
    throw error;
  }
  let results = files.map((file) => auditSource(file.source, { options: request.options, fix: request.mode !== 'check' }));
  if (request.mode === 'fix') results = writeFixes(files, results, problems);

  const stdout =
    request.mode === 'diff' && request.format === 'text'
      ? formatDiff(results)
      : request.format === 'json'
        ? formatJson(results, request.options, request.toolVersion, request.mode)
        : formatText(results, request.mode === 'fix' ? 'fix' : 'check');
  const failed = results.some((result) => result.messages.some((m) => atLeast(m.severity, 'error')));
  return { stdout, stderr: problems.map(printable), exitCode: problems.length > 0 ? 2 : failed ? 1 : 0 };
}
