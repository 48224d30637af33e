import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { auditModule, type ModuleResult } from '../../engine/audit.ts';
import { standardInput } from '../../io/read.ts';
import { assumptionText } from '../../report/assumptions.ts';
import { formatDiff } from '../../report/diff.ts';
import { stateCounts, type BaselineView } from '../../report/baseline-view.ts';
import { formatJson } from '../../report/json.ts';
import { formatGcc, formatGithub } from '../../report/lines.ts';
import { formatSarif } from '../../report/sarif.ts';
import type { NotShown } from '../../report/summary.ts';
import { fittedLayout, type TableLayout } from '../../report/table.ts';
import { formatText, type NewFindings } from '../../report/text.ts';
import type { Message } from '../../engine/message.ts';
import { ruleIds } from '../../rules/registry.ts';
import { nearest } from '../../util/nearest.ts';
import type { CommandContext } from '../command.ts';
import {
  outputFormats,
  requestBase,
  threshold,
  withModuleOptions,
  type ModuleFlags,
  type OutputFormat,
} from '../options.ts';
import { fails, outcome, stop, settingRemarks, warningLimitRemarks, type RunOutcome } from '../outcome.ts';
import { patchPaths } from '../patch-paths.ts';
import { revisionSide, workTreeSide } from '../exposure-sides.ts';
import { baselineMarks, findingMarks, type FindingMarks } from '../finding-baseline.ts';
import { kindRemarks, readModules, type RequestBase } from '../read-modules.ts';
import { resolveSettings } from '../settings.ts';
import { colorWanted } from '../streams.ts';
import { layoutFor, wideOption } from '../terminal-width.ts';
import { stoppedOutcome, writeFixes } from '../write-fixes.ts';

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
  /** `--baseline REV`: only the findings new since the revision count for the exit status. */
  baseline?: string;
  /** How the text output is laid out: wide, or fitted to a width (the default width when not given). */
  layout?: TableLayout;
}

interface AuditFlags extends ModuleFlags {
  expandModules?: boolean;
  quiet?: boolean;
  maxWarnings?: number;
  color: boolean;
  fix?: boolean;
  diff?: boolean;
  suggestions?: boolean;
  format: OutputFormat;
  baseline?: string;
  wide?: boolean;
}

const examples = `
Examples:
  $ vos-audit samples/stock-posix                    report what should not be live, and why
  $ vos-audit inetd.conf module_start_up.cm telnet_admin.txt
  $ vos-audit --fix m1/inetd.conf                    comment out tiny services, route bootp/tftp through tcpd
  $ vos-audit --diff modules/ | git apply            the same fixes as a patch
  $ vos-audit --fix --suggestions m1                 also comment out start lines in the macros
  $ vos-audit --products S270,S269 --release 15.2 m1
  $ vos-audit ports modules/m1                       the live-port table of module m1
  $ git show HEAD~1:m1/inetd.conf | vos-audit -      a file from standard input
  $ git diff --name-only -z | xargs -0 vos-audit --  -- ends the options: what follows are paths

Exit status: 0 no errors, 1 errors found (after --fix: errors left), 2 usage or I/O error.
Rules (${ruleIds.length}): ${ruleIds.join(', ')}.`;

/** The audit is the program's own command: its arguments and options go on the program (`vos-audit [paths...]`). */
export function defineAudit(program: Command, context: CommandContext<AuditRequest>): Command {
  const { streams } = context;
  return withModuleOptions(
    program
      .argument('[paths...]', 'files or directories, - for standard input (default: the current directory)')
      .option('--fix', 'apply the safe fixes, rewriting each file in place (atomically), and report what is left')
      .option('--diff', 'print the safe fixes as a unified diff (a/…, b/…) and write nothing')
      .option('--suggestions', 'with --fix or --diff, also apply suggestions (commenting out macro start lines)')
      .option('--expand-modules', 'audit the whole module of each file named (what the pre-commit hooks do)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('text'))
      .option('-q, --quiet', 'report errors only')
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', threshold)
      .option('--no-color', 'no colours (also when NO_COLOR is set, or output is not a terminal)')
      .option(
        '--baseline <rev>',
        'only findings new since this git revision count for the exit status and --max-warnings; ' +
          'text marks them, SARIF gives every result its baselineState',
      )
      .addOption(wideOption('one finding per line'))
      .addHelpText('after', examples),
  ).action((paths: string[], flags: AuditFlags) => {
    if (flags.fix && flags.diff)
      throw new InvalidArgumentError(
        '--fix and --diff do not go together: --fix writes the files, --diff only shows the changes',
      );
    if (flags.diff && flags.format !== 'text')
      throw new InvalidArgumentError(`--diff prints a patch; it does not go with --format ${flags.format}`);
    if (flags.fix && paths.includes(standardInput))
      throw new InvalidArgumentError('--fix cannot rewrite standard input (-); --diff shows the changes');
    if (flags.baseline !== undefined && flags.diff)
      throw new InvalidArgumentError('--diff prints the fixes; --baseline goes with a report of findings');
    if (flags.suggestions && !flags.fix && !flags.diff)
      throw new InvalidArgumentError('--suggestions goes with --fix or --diff');
    const [first] = paths;
    // `vos-audit port m1` is a misspelt command, not a module named "port" that is missing; `./port` is a path.
    const bareWord = first !== undefined && !/[\\/]/.test(first) && !existsSync(first);
    const command = bareWord ? commandNear(program, first) : undefined;
    if (command !== undefined)
      throw new InvalidArgumentError(
        `${first} is neither a file nor a command of vos-audit; did you mean \`vos-audit ${command}\`?`,
      );
    const request: AuditRequest = {
      ...requestBase(paths, flags, streams),
      command: 'audit',
      mode: flags.fix ? 'fix' : flags.diff ? 'diff' : 'check',
      format: flags.format,
      suggestions: flags.suggestions ?? false,
      expandModules: flags.expandModules ?? false,
      quiet: flags.quiet ?? false,
      ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
      color: colorWanted(flags.color, streams),
      ...(flags.baseline !== undefined && { baseline: flags.baseline }),
      layout: layoutFor(flags.wide, streams),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** The name of a command of the program that a word is a near miss of. */
function commandNear(program: Command, word: string): string | undefined {
  return nearest(
    word,
    program.commands.map((command) => command.name()),
  );
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

function renderAudit(
  request: AuditRequest & { mode: 'check' | 'fix' },
  results: ModuleResult[],
  marks: FindingMarks | undefined,
): string | Buffer {
  const shown = request.quiet
    ? results.map((result) => ({
        ...result,
        files: result.files.map((file) => ({ ...file, messages: file.messages.filter((m) => m.severity === 'error') })),
      }))
    : results;
  const files = shown.flatMap((result) => result.files);
  const notShown = notShownBy(request, results);
  const baseline = baselineView(request, marks);
  switch (request.format) {
    case 'json':
      return formatJson(shown, resolveSettings(request.settings), request.toolVersion, request.mode, {
        notShown,
        baseline,
        docsBase: request.docsBase,
      });
    case 'sarif':
      return formatSarif(files, request.toolVersion, marks ?? findingMarks(shown), request.docsBase);
    case 'gcc':
      return formatGcc(files, baseline);
    case 'github':
      return formatGithub(files, baseline);
    default: {
      const layout = request.layout ?? fittedLayout();
      const assumed = assumptionText(shown, layout);
      const newFindings = newSince(
        baseline,
        files.flatMap((file) => file.messages),
      );
      return formatText(files, request.mode, {
        color: request.color ?? false,
        assumed,
        notShown,
        layout,
        ...(newFindings && { newFindings }),
      });
    }
  }
}

/** With --baseline, the state of each finding against it, for the formats that mark them. */
function baselineView(request: AuditRequest, marks: FindingMarks | undefined): BaselineView | undefined {
  if (request.baseline === undefined || marks?.state === undefined) return undefined;
  return {
    revision: request.baseline,
    state: marks.state,
    before: marks.before ?? new Map(),
    absent: marks.absent ?? [],
  };
}

/** With --baseline, what the text marks and says of the findings shown that are new since it. */
function newSince(baseline: BaselineView | undefined, shown: readonly Message[]): NewFindings | undefined {
  if (baseline === undefined) return undefined;
  const counts = stateCounts(baseline, shown);
  return {
    isNew: (message) => baseline.state.get(message) === 'new',
    line:
      `${counts.new} new since ${baseline.revision}, ${counts.unchanged + counts.updated} there before, ` +
      `${counts.absent} gone`,
  };
}

/** The modules, and with --baseline the baseline's side too, audited as it was. */
function readSides(request: AuditRequest) {
  if (request.baseline === undefined) {
    const read = readModules(request);
    return { ...read, before: undefined, after: undefined };
  }
  const { side: before, top } = revisionSide(request, request.baseline);
  const after = workTreeSide(request, top);
  return { modules: after.modules, problems: [...before.problems, ...after.problems], before, after };
}

/** `vos-audit [paths...]`: audit each module, write or show its fixes, report. */
export async function audit(request: AuditRequest): Promise<RunOutcome> {
  const { modules, problems, before, after } = readSides(request);
  const fix = request.mode !== 'check';
  let results = modules.map((module) => auditModule(module, { fix, suggestions: request.suggestions }));
  if (request.mode === 'fix') {
    const fixes = await writeFixes(modules, results, problems);
    if (fixes.stoppedBy !== undefined) return stoppedOutcome(fixes.written, fixes.stoppedBy, problems);
    results = fixes.results;
  }
  // When no file could be audited, the text summary would read "no problems in 0 files", like a pass.
  // Identities cost a hash each (and loading crypto): made only for a baseline, or for SARIF when it is written.
  const marks =
    before && after
      ? baselineMarks(
          { side: before, results: before.modules.map((module) => auditModule(module, { fix: false })) },
          { side: after, results },
        )
      : undefined;
  const nothingAudited = results.length === 0 && problems.length > 0 && request.format === 'text';
  // With a baseline, only the new findings count.
  const counted = (m: Message) => (marks?.state?.get(m) ?? 'new') === 'new';
  const severities = results.flatMap((result) =>
    result.files.flatMap((file) => file.messages.filter(counted).map((m) => m.severity)),
  );
  const failed = fails(severities, request.maxWarnings);
  if (request.mode === 'diff') return diffOutcome(results, problems, failed);
  return outcome(nothingAudited ? '' : renderAudit({ ...request, mode: request.mode }, results, marks), problems, {
    failed,
    remarks: [
      ...settingRemarks(results),
      ...kindRemarks(modules, request.kinds),
      ...warningLimitRemarks(severities, request.maxWarnings),
    ],
  });
}

/** `--diff`: the patch, its paths relative to where it applies; a remark when that is not the current directory. */
function diffOutcome(results: readonly ModuleResult[], problems: string[], failed: boolean): RunOutcome {
  const files = results.flatMap((result) => result.files);
  const placed = patchPaths(files);
  if ('refused' in placed) return stop(problems, placed.refused);
  const remarks = placed.workTree
    ? [{ text: `--diff: the paths are relative to the git work tree ${placed.base}: apply the patch there` }]
    : [];
  return outcome(formatDiff(files, placed.paths), problems, { failed, remarks });
}
