import { auditModule, type ModuleInput, type ModuleResult } from '../engine/audit.ts';
import { stoppedExitCode, writeAll } from '../io/write.ts';
import { printable } from '../report/printable.ts';
import { encodeSource } from '../syntax/source.ts';
import type { RunOutcome } from './outcome.ts';

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
export async function writeFixes(
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

/** A signal stopped the writing: what was written before it, and the exit code of the signal. */
export function stoppedOutcome(
  written: readonly string[],
  signal: NodeJS.Signals,
  problems: readonly string[],
): RunOutcome {
  const before =
    written.length === 0
      ? 'no file was written'
      : `the ${written.length} files written before stopping are listed below`;
  const summary = `stopped by ${signal} before every fix was written; ${before}; the others are unchanged`;
  return {
    stdout: '',
    stderr: [...problems, summary, ...written.map((path) => `written before stopping: ${path}`)].map(printable),
    exitCode: stoppedExitCode(signal),
  };
}
