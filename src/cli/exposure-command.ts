import { Command, Option } from 'commander';
import { opensAnything, type ExposureChange } from '../model/exposure-change.ts';
import { formatExposureChange, type ComparedSides, type ExposureFormat } from '../report/exposure-change.ts';
import type { TableLayout } from '../report/table.ts';
import { compareSides, revisionSide, workTreeSide, type Side } from './exposure-sides.ts';
import { outcome, type RunOutcome } from './outcome.ts';
import type { RequestBase } from './read-modules.ts';

/** `--fail-on opened`: exit 1 when the change opens a port or traffic. */
export type FailOn = 'opened';

/** The options of a command that prints an exposure change: where its baseline is, when it fails. */
export function exposureOptions(command: Command, baseline?: string): Command {
  if (baseline !== undefined)
    command.option(
      baseline,
      'print what changed since this git revision (a commit, branch or tag: HEAD~1, origin/main) instead: ' +
        'ports and traffic opened, closed or changed, module by module',
    );
  return command.addOption(
    new Option('--fail-on <change>', 'exit 1 when the change opens a port or traffic (default: exit 0)').choices([
      'opened',
    ]),
  );
}

interface ExposureRequest extends RequestBase {
  format: string;
  failOn?: FailOn;
  layout?: TableLayout;
}

/** What is printed and the exit code of an exposure change. */
export function exposureOutcome(request: ExposureRequest, sides: ComparedSides, before: Side, after: Side): RunOutcome {
  const change: ExposureChange = compareSides(before, after);
  const stdout = formatExposureChange(
    change,
    sides,
    request.format as ExposureFormat,
    request.toolVersion,
    request.layout,
  );
  return outcome(stdout, [...before.problems, ...after.problems], {
    failed: request.failOn === 'opened' && opensAnything(change),
  });
}

/** The exposure change of the paths since a git revision. */
export function exposureSinceRevision(request: ExposureRequest, revision: string): RunOutcome {
  const { side, top, commit } = revisionSide(request, revision);
  return exposureOutcome(
    request,
    { before: { name: revision, commit }, after: { name: 'the work tree' } },
    side,
    workTreeSide(request, top),
  );
}
