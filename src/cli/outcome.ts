import { atLeast } from '../engine/message.ts';
import type { ModuleModel } from '../model/listener.ts';
import { knownProductCodes } from '../catalog/products.ts';
import type { Settings, Severity } from '../model/settings.ts';
import { closest } from '../util/nearest.ts';
import { plural } from '../report/text.ts';
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
  return severities.some((severity) => atLeast(severity, 'error')) || overLimit(severities, maxWarnings) !== undefined;
}

/** The number of warnings when there are more than allowed. */
function overLimit(severities: readonly Severity[], maxWarnings: number | undefined): number | undefined {
  const warnings = severities.filter((severity) => severity === 'warning').length;
  return maxWarnings !== undefined && warnings > maxWarnings ? warnings : undefined;
}

/** The line that says why a run with no error exits 1: more warnings than `--max-warnings` allows. */
export function warningLimitRemarks(severities: readonly Severity[], maxWarnings: number | undefined): Remark[] {
  const warnings = overLimit(severities, maxWarnings);
  if (warnings === undefined) return [];
  return [{ text: `${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings} allows: exit 1` }];
}

/**
 * A warning for each setting of a module that is likely a mistake: NIO addresses (--nio-address, "nioAddress") but no
 * NIO, which leaves them unused, and a product code the catalog does not know, with the known code nearest to it.
 */
export function settingRemarks(
  modules: ReadonlyArray<{ name: string; settings: Pick<Settings, 'nio' | 'nioAddresses' | 'products'> }>,
): Remark[] {
  return modules.flatMap(({ name, settings }) => [
    ...(!settings.nio && (settings.nioAddresses?.length ?? 0) > 0
      ? [
          {
            module: name,
            text: 'warning: an NIO address is given (--nio-address or "nioAddress") but no NIO, so it is unused; add --nio or "nio": true',
          },
        ]
      : []),
    ...[...(settings.products ?? [])]
      .filter((code) => !knownProductCodes.includes(code.toUpperCase()))
      .map((code) => ({
        module: name,
        text: `warning: product ${code} is not one the catalog knows (nearest: ${closest(code, knownProductCodes)}); it still decides software_purchased tests`,
      })),
  ]);
}

/** A warning on stderr for each fact stated that matches nothing in its module's macros. */
export function factRemarks(models: ReadonlyArray<Pick<ModuleModel, 'name' | 'factWarnings'>>): Remark[] {
  return models.flatMap((model) =>
    model.factWarnings.map((warning) => ({ module: model.name, text: `warning: ${warning}` })),
  );
}
