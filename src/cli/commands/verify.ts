import { Command, InvalidArgumentError, Option } from 'commander';
import { analyzeModule } from '../../engine/audit.ts';
import { standardInput } from '../../io/read.ts';
import { verifyScan } from '../../scan/verify.ts';
import type { TableLayout } from '../../report/table.ts';
import { formatVerification } from '../../report/verify.ts';
import { addressArgument, addressProblem, sameAddress } from '../address-option.ts';
import type { CommandContext } from '../command.ts';
import {
  outputFormats,
  requestBase,
  threshold,
  withModuleOptions,
  type ModuleFlags,
  type OutputFormat,
} from '../options.ts';
import { fails, outcome, stop, warningLimitRemarks, type RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';
import { readScan } from '../scan-file.ts';
import { colorWanted } from '../streams.ts';
import { layoutFor, wideOption } from '../terminal-width.ts';

/** Compare the modules' models with an nmap scan. */
export interface VerifyRequest extends RequestBase {
  command: 'verify';
  /** The nmap XML file (`nmap -oX`), or `-` for standard input. */
  scan: string;
  format: OutputFormat;
  maxWarnings?: number;
  color?: boolean;
  layout?: TableLayout;
}

interface VerifyFlags extends ModuleFlags {
  scan: string;
  format: OutputFormat;
  maxWarnings?: number;
  color: boolean;
  wide?: boolean;
}

const examples = `
Examples:
  $ nmap -sT -sU -p T:1-1024,3000-4100,U:7-200,29000 -oX m1.xml 10.1.2.3
  $ vos-audit verify --scan m1.xml --address 10.1.2.3 modules/m1
  $ vos-audit verify --scan site.xml modules/                 each module's "address" from its .vos-audit.json
  $ vos-audit verify --scan site.xml --format sarif modules/ > verify.sarif

Each scanned host is matched to the module with its address. A port open where the configuration starts nothing is
an error; a port the configuration starts, found closed, a warning; an open or closed port where the configuration
is conditional settles the condition (info); filtered and open|filtered ports are undecided (info), never agreement;
ports the scan did not probe are not judged, only counted.

Exit status: 0 no errors, 1 an open port nothing explains (or more warnings than --max-warnings), 2 usage or I/O
error, a scan that is not a complete nmap XML file, or no module matched to a host that is up in the scan (nothing
verified).`;

export function defineVerify(context: CommandContext<VerifyRequest>): Command {
  const { streams } = context;
  return withModuleOptions(
    new Command('verify')
      .description(
        "Compare each module's model with an nmap scan (nmap -oX): report ports open that nothing starts, " +
          'ports live in the configuration but closed, and what the scan settles or cannot decide.',
      )
      .argument('[paths...]', 'module directories or files (default: the current directory)')
      .requiredOption('--scan <file>', 'the nmap XML scan (nmap -oX FILE), - for standard input')
      .option(
        '--address <ip>',
        'the address of the module, when the paths hold one module (else "address" in .vos-audit.json)',
        addressArgument,
      )
      .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('text'))
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', threshold)
      .option('--no-color', 'no colours (also when NO_COLOR is set, or output is not a terminal)')
      .addOption(wideOption('one finding per line'))
      .addHelpText('after', examples),
  ).action((paths: string[], flags: VerifyFlags) => {
    if (flags.scan === standardInput && paths.includes(standardInput))
      throw new InvalidArgumentError('standard input (-) can be the scan or a file, not both');
    const request: VerifyRequest = {
      ...requestBase(paths, flags, streams),
      command: 'verify',
      scan: flags.scan,
      format: flags.format,
      ...(flags.maxWarnings !== undefined && { maxWarnings: flags.maxWarnings }),
      color: colorWanted(flags.color, streams),
      layout: layoutFor(flags.wide, streams),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** `vos-audit verify`: read and parse the scan, model each module, compare, render; a scan that cannot be used exits 2. */
export function verify(request: VerifyRequest): RunOutcome {
  const { modules, problems } = readModules(request);
  const conflict = addressProblem(request, modules) ?? sameAddress(modules);
  if (conflict !== undefined) return stop(problems, conflict);
  const read = readScan(request.scan, request.readStandardInput);
  if (!read.ok) return stop(problems, read.reason);
  const { scan } = read;
  const verification = verifyScan(
    scan,
    modules.map((module) => ({
      name: module.name,
      model: analyzeModule(module).model,
      ...(module.settings.addresses && { addresses: module.settings.addresses }),
    })),
  );
  const { format, toolVersion, color, layout, docsBase } = request;
  const stdout = formatVerification(verification, read.source, format, toolVersion, {
    color: color ?? false,
    ...(layout && { layout }),
    docsBase,
  });
  const failed = fails(
    verification.findings.map((f) => f.severity),
    request.maxWarnings,
  );
  // A run that verified nothing must not pass as one that found nothing wrong.
  const nothingVerified =
    modules.length > 0 && verification.modules.every((module) => module.tally === undefined)
      ? [
          `verify: no module was matched to a host that is up in the scan (${modules.length} given), so nothing ` +
            'was verified: scan their addresses, or set each module\'s "address" as the scan lists it',
        ]
      : [];
  const remarks = warningLimitRemarks(
    verification.findings.map((f) => f.severity),
    request.maxWarnings,
  );
  return outcome(stdout, [...problems, ...nothingVerified], { failed, remarks });
}
