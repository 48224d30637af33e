import { atLeast } from '../engine/message.ts';
import type { Severity } from '../model/settings.ts';
import { stderrLines, type Remark } from './remarks.ts';

export interface RunOutcome {
  /** What goes to standard output: text, bytes, or a report in chunks written one by one. */
  stdout: string | Buffer | Iterable<string>;
  /** One line per problem vos-audit had with a path (a file it could not read, recognise or write), then the remarks. */
  stderr: string[];
  /** 0, 1 or 2 (see the README); 128 + the signal's number when a signal stopped --fix. */
  exitCode: number;
}

interface OutcomeOptions {
  /** The findings fail the run (exit 1), unless a problem makes it 2. */
  failed?: boolean;
  /** What stderr says after the problems, which does not change the exit code. */
  remarks?: readonly Remark[];
  /** Every remark on a line of its own (`--verbose`), rather than grouped within one screen. */
  verbose?: boolean;
}

/**
 * What a command prints and its exit code, the same for every command: 2 when vos-audit had a problem (a path it
 * could not read, recognise or write, a usage it cannot follow), else 1 when the findings fail the run, else 0.
 */
export function outcome(
  stdout: RunOutcome['stdout'],
  problems: readonly string[],
  options: OutcomeOptions = {},
): RunOutcome {
  return {
    stdout,
    stderr: stderrLines(problems, options.remarks ?? [], options.verbose ?? false),
    exitCode: problems.length > 0 ? 2 : options.failed ? 1 : 0,
  };
}

/** A command that cannot go on: the problems so far and the reason, nothing on stdout, exit 2. */
export function stop(problems: readonly string[], reason: string): RunOutcome {
  return outcome('', [...problems, reason]);
}

/** Whether findings of these severities fail the run: an error, or more warnings than allowed. */
export function fails(severities: readonly Severity[], maxWarnings: number | undefined): boolean {
  const warnings = severities.filter((severity) => severity === 'warning').length;
  return (
    severities.some((severity) => atLeast(severity, 'error')) || (maxWarnings !== undefined && warnings > maxWarnings)
  );
}
