import { basename, dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { auditModule } from '../../engine/audit.ts';
import { standardInput } from '../../io/read.ts';
import { writeOutputFiles } from '../../io/output-files.ts';
import { verifyScan } from '../../scan/verify.ts';
import { renderSystemReport } from '../../report/html/page.ts';
import type { ScanInput } from '../../report/html/system.ts';
import { addressOption, addressProblem, sameAddress } from '../address-option.ts';
import type { CommandContext } from '../command.ts';
import { systemOption } from '../system-option.ts';
import { auditedPolicy } from '../firewall-policy.ts';
import { requestBase, withModuleOptions, type ModuleFlags } from '../options.ts';
import { outcome, stop, type RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';
import { readScan } from '../scan-file.ts';

/** Write one self-contained HTML page about all the modules. */
export interface ReportRequest extends RequestBase {
  command: 'report';
  /** The HTML file to write, or `-` for standard output. */
  output: string;
  /** An nmap XML scan, whose verdicts the page shows too. */
  scan?: string;
}

interface ReportFlags extends ModuleFlags {
  output: string;
  scan?: string;
}

const examples = `
Examples:
  $ vos-audit report -o system.html --release 17.1 modules/
  $ vos-audit report -o system.html --scan nmap.xml modules/     with verify's verdicts on the same page
  $ vos-audit report -o - samples/firewall-osl-system > osl.html

The page holds the modules × ports matrix (each cell opens the evidence of a listener), each module's assumptions,
findings, firewall policy, outbound traffic and what is undecided, and the system's OSL and OSN peers. It is one
file that loads nothing and works without JavaScript; its Content-Security-Policy forbids any request.`;

export function defineReport(context: CommandContext<ReportRequest>): Command {
  return withModuleOptions(
    new Command('report')
      .description(
        'Write one self-contained HTML page about all the modules: which expose what, why, ' +
          'and what the firewall policy and the audit say about it.',
      )
      .argument('[paths...]', 'module directories or files (default: the current directory)')
      .requiredOption('-o, --output <file>', 'the HTML file to write (- for standard output)')
      .option('--scan <file>', "an nmap XML scan (nmap -oX): verify's verdicts on the same page")
      .addOption(addressOption())
      .addOption(systemOption())
      .addHelpText('after', examples),
  ).action((paths: string[], flags: ReportFlags) => {
    if (flags.scan === standardInput && paths.includes(standardInput))
      throw new InvalidArgumentError('standard input (-) can be the scan or a file, not both');
    const request: ReportRequest = {
      ...requestBase(paths, flags, context.streams),
      command: 'report',
      output: flags.output,
      ...(flags.scan !== undefined && { scan: flags.scan }),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** `vos-audit report`: audit every module, derive the policy, compare with the scan, write the page. */
export function report(request: ReportRequest): RunOutcome {
  const { modules, problems } = readModules(request);
  const conflict = addressProblem(request, modules) ?? (request.scan !== undefined ? sameAddress(modules) : undefined);
  if (conflict !== undefined) return stop(problems, conflict);
  if (modules.length === 0) return stop(problems, 'no module to report on: the paths hold no file vos-audit reads');
  const results = modules.map((module) => auditModule(module, { fix: false }));
  // The page shows the rules that stand on an undecided condition, marked, rather than leaving them out.
  const policy = auditedPolicy(
    results.map((result) => ({
      module: result,
      settings: result.settings,
      messages: result.files.flatMap((file) => file.messages),
    })),
    { includeConditional: true, stateful: true },
  );
  let scan: ScanInput | undefined;
  if (request.scan !== undefined) {
    const read = readScan(request.scan, request.readStandardInput);
    if (!read.ok) return stop(problems, read.reason);
    const verification = verifyScan(
      read.scan,
      results.map((result) => ({
        name: result.name,
        model: result.model,
        ...(result.settings.addresses && { addresses: result.settings.addresses }),
      })),
    );
    scan = { name: request.scan, text: read.source.text, scan: read.scan, verification };
  }
  const page = renderSystemReport({
    modules: results,
    policy,
    toolVersion: request.toolVersion,
    ...(scan && { scan }),
  });
  if (request.output === standardInput) return outcome(page, problems);
  const unwritten = writeOutputFiles(dirname(request.output), new Map([[basename(request.output), page]]));
  return outcome('', [...problems, ...unwritten]);
}
