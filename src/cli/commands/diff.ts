import { Command, Option } from 'commander';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { exposureFormats, type ExposureFormat } from '../../report/exposure-change.ts';
import type { TableLayout } from '../../report/table.ts';
import type { CommandContext } from '../command.ts';
import { exposureOptions, exposureOutcome, type FailOn } from '../exposure-command.ts';
import type { Side } from '../exposure-sides.ts';
import { requestBase, withModuleOptions, type ModuleFlags } from '../options.ts';
import type { RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';
import { layoutFor, wideOption } from '../terminal-width.ts';
import { describeIoError, UserError } from '../../io/errors.ts';

/** The exposure change between two directories of modules. */
export interface DiffRequest extends RequestBase {
  command: 'diff';
  before: string;
  after: string;
  format: ExposureFormat;
  failOn?: FailOn;
  layout?: TableLayout;
}

interface DiffFlags extends ModuleFlags {
  format: ExposureFormat;
  failOn?: FailOn;
  wide?: boolean;
}

const examples = `
Examples:
  $ vos-audit diff backup-2024-05/modules modules/      what the change between the two opens, closes or changes
  $ vos-audit diff --format json old/ new/
  $ vos-audit diff --fail-on opened old/ new/            exit 1 when a port or traffic is opened

Modules are paired by their path below each directory; each side's .vos-audit.json applies to it.`;

export function defineDiff(context: CommandContext<DiffRequest>): Command {
  return withModuleOptions(
    exposureOptions(new Command('diff'))
      .description(
        'Print the exposure change between two directories of modules (two exported trees, two backups): ' +
          'ports and traffic opened, closed or changed, module by module, with the evidence on both sides.',
      )
      .argument('<old>', 'the directory before the change')
      .argument('<new>', 'the directory after it')
      .addOption(new Option('-f, --format <format>', 'output format').choices(exposureFormats).default('text'))
      .addOption(wideOption('one changed row per line'))
      .addHelpText('after', examples),
  ).action((before: string, after: string, flags: DiffFlags) => {
    context.submit(
      {
        ...requestBase([], flags, context.streams),
        command: 'diff',
        before,
        after,
        format: flags.format,
        ...(flags.failOn && { failOn: flags.failOn }),
        layout: layoutFor(flags.wide, context.streams),
      },
      flags.debug ?? false,
    );
  });
}

/** One directory's side: its modules, keyed by their path below it. */
function directorySide(request: DiffRequest, directory: string): Side {
  let base: string;
  try {
    base = realpathSync(resolve(directory));
  } catch (error) {
    throw new UserError(`cannot read ${directory}: ${describeIoError(error)}`);
  }
  return { ...readModules({ ...request, paths: [directory] }), cwd: realpathSync(process.cwd()), base };
}

/** `vos-audit diff OLD NEW`. */
export function diff(request: DiffRequest): RunOutcome {
  return exposureOutcome(
    request,
    { before: { name: request.before }, after: { name: request.after } },
    directorySide(request, request.before),
    directorySide(request, request.after),
  );
}
