import { Command, InvalidArgumentError, Option } from 'commander';
import { analyzeModule } from '../../engine/audit.ts';
import { listenerStates, type ListenerState } from '../../model/listener.ts';
import { assumptionLine } from '../../report/assumptions.ts';
import { formatPorts, type PortsFormat, type PortsOptions } from '../../report/ports.ts';
import type { CommandContext } from '../command.ts';
import { requestBase, withModuleOptions, type ModuleFlags } from '../options.ts';
import { exposureOptions, exposureSinceRevision, type FailOn } from '../exposure-command.ts';
import { outcome, type RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';
import { terminalWidth } from '../terminal-width.ts';

/** Print each module's live-port table, or with a baseline the exposure change since it. */
export interface PortsRequest extends RequestBase, Omit<PortsOptions, 'format'> {
  command: 'ports';
  format: PortsFormat | 'markdown';
  /** `--baseline REV`: the change since the revision, instead of the table. */
  baseline?: string;
  failOn?: FailOn;
}

interface PortsFlags extends ModuleFlags {
  format: PortsFormat | 'markdown';
  state?: ListenerState[];
  wide?: boolean;
  baseline?: string;
  failOn?: FailOn;
}

const examples = `
Examples:
  $ vos-audit ports samples/stock-posix
  $ vos-audit ports --products S270 --format csv modules/ > ports.csv
  $ vos-audit ports --state live,conditional --wide modules/m1   what may listen, one row per line
  $ vos-audit ports --format json m1/module_start_up.cm m1/inetd.conf
  $ vos-audit ports --baseline origin/main modules/           what the change opens, closes or changes
  $ vos-audit ports --baseline HEAD~1 -f markdown modules/ >> "$GITHUB_STEP_SUMMARY"

A directory is a module when it holds a known file itself or a VOS-like system directory; otherwise each of its
subdirectories is looked at the same way. Files named together on the command line form one module.`;

function statesArgument(value: string): ListenerState[] {
  const states = value.split(',').map((state) => state.trim().toLowerCase());
  const bad = states.find((state) => !(listenerStates as readonly string[]).includes(state));
  if (bad !== undefined)
    throw new InvalidArgumentError(
      `'${bad}' is not a state; expected any of ${listenerStates.join(', ')}, separated by commas`,
    );
  return listenerStates.filter((state) => states.includes(state));
}

export function definePorts(context: CommandContext<PortsRequest>): Command {
  const { streams } = context;
  return withModuleOptions(
    exposureOptions(new Command('ports'), '--baseline <rev>')
      .description(
        'Print the live-port table of each module: ' +
          'port, protocol, daemon, what starts it, state, condition, evidence, advice.',
      )
      .argument('[paths...]', 'module directories or files (default: the current directory)')
      .addOption(
        new Option('-f, --format <format>', 'output format (markdown: with --baseline)')
          .choices(['text', 'json', 'csv', 'markdown'])
          .default('text'),
      )
      .option(
        '--state <states>',
        `show only the rows in these states (any of ${listenerStates.join(', ')}, comma-separated; default: all)`,
        statesArgument,
      )
      .option(
        '--wide',
        'text: one row per line, however wide (default: fit the terminal, long columns on lines beneath each row)',
      )
      .addHelpText('after', examples),
  ).action((paths: string[], flags: PortsFlags) => {
    if (flags.baseline === undefined && (flags.format === 'markdown' || flags.failOn !== undefined))
      throw new InvalidArgumentError(`--format markdown and --fail-on need --baseline REV (the change since REV)`);
    if (flags.baseline !== undefined && (flags.format === 'csv' || flags.state !== undefined))
      throw new InvalidArgumentError(`with --baseline, --format is text, json or markdown, and --state does not apply`);
    const request: PortsRequest = {
      ...requestBase(paths, flags, streams),
      command: 'ports',
      format: flags.format,
      layout: flags.wide ? { wide: true } : { wide: false, width: terminalWidth(streams) },
      ...(flags.state && { states: flags.state }),
      ...(flags.baseline !== undefined && { baseline: flags.baseline }),
      ...(flags.failOn && { failOn: flags.failOn }),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** `vos-audit ports`: each module's model as its live-port table, or the change since a baseline. */
export function ports(request: PortsRequest): RunOutcome {
  if (request.baseline !== undefined) return exposureSinceRevision(request, request.baseline);
  if (request.format === 'markdown') throw new Error('markdown is a format of the exposure change only');
  const { modules, problems } = readModules(request);
  const models = modules.map((module) => analyzeModule(module).model);
  return outcome(formatPorts(models, { ...request, format: request.format }, assumptionLine(modules)), problems);
}
