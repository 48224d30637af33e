import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { knownReleases, newestRelease, parseRelease, type Release } from './catalog/releases.ts';
import { run, type OutputFormat } from './run.ts';
import { rules } from './rules/registry.ts';
import { printable } from './report/printable.ts';
import { version } from './version.ts';

interface CliOptions {
  fix?: boolean;
  diff?: boolean;
  format: OutputFormat;
  release: Release;
  nio?: boolean;
  debug?: boolean;
}

function releaseArgument(value: string): Release {
  const release = parseRelease(value);
  if (release === undefined) throw new InvalidArgumentError(`expected a VOS release such as 15.1, 17.1.0 or 15.1.0ar`);
  return release;
}

const examples = `
Examples:
  $ vos-audit samples/stock-posix/inetd.conf     report what should not be live
  $ vos-audit --fix m1/inetd.conf                comment out tiny services, route bootp/tftp through tcpd
  $ vos-audit --diff modules/ | git apply        the same fixes as a patch
  $ vos-audit --nio --release 15.2 m1/           a V-series module with an NIO
  $ vos-audit --format json . > report.json      for CI

Exit status: 0 no errors, 1 errors found (after --fix: errors left), 2 usage or I/O error.
Rules (${rules.length}): ${rules.map((rule) => rule.id).join(', ')}.`;

function program(): Command {
  return new Command('vos-audit')
    .description('Audit Stratus VOS service configuration (inetd.conf) for ports that should not be live, and fix it.')
    .version(version, '-V, --version')
    .argument('[paths...]', 'files or directories (default: the current directory; directories are searched for inetd.conf)')
    .option('--fix', 'apply the safe fixes, rewriting each file in place (atomically), and report what is left')
    .option('--diff', 'print the safe fixes as a unified diff (a/…, b/…) and write nothing')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--release <X.Y[.Z]>', `VOS release of the module (known: ${knownReleases[0]}–${newestRelease.text})`)
        .argParser(releaseArgument)
        .default(newestRelease, newestRelease.text),
    )
    .option('--nio', 'the module has an NIO (V-series), which needs tcp time and tftp')
    .option('--debug', 'print stack traces of internal errors')
    .addHelpText('after', examples)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`vos-audit: ${text.replace(/^error: /, '')}`) });
}

export function main(argv: string[]): number {
  const command = program();
  try {
    command.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const options = command.opts<CliOptions>();
  if (options.fix && options.diff) return usage('--fix and --diff do not go together: --fix writes the files, --diff only shows the changes');
  if (options.diff && options.format !== 'text') return usage('--diff prints a patch; it does not go with --format json');
  try {
    const outcome = run({
      paths: command.args,
      options: { release: options.release, nio: options.nio ?? false },
      mode: options.fix ? 'fix' : options.diff ? 'diff' : 'check',
      format: options.format,
      toolVersion: version,
    });
    process.stdout.write(outcome.stdout);
    for (const line of outcome.stderr) process.stderr.write(`vos-audit: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const detail = options.debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    process.stderr.write(`vos-audit: internal error: ${printable(String(error))}; please report it${detail}\n`);
    return 2;
  }
}

function usage(message: string): number {
  process.stderr.write(`vos-audit: ${message}\n`);
  return 2;
}
