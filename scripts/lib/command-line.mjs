// The command line of the repository's own scripts (bench/, scripts/): node:util's parseArgs, strict, with a usage.
import { parseArgs } from 'node:util';

function refuse(usage, problem) {
  process.stderr.write(`${problem}\n${usage}\n`);
  process.exit(2);
}

/**
 * The options and positional arguments of a script. `--help` (or `-h`) prints `usage` and `about` and exits 0; an
 * unknown option, a missing value or too few or too many arguments prints the problem and the usage on stderr and
 * exits 2, so that a mistyped flag is never taken for a file name.
 */
export function commandLine({ usage, about = '', options = {}, min = 0, max = 0 }) {
  let parsed;
  try {
    parsed = parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    refuse(usage, error.message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n${about === '' ? '' : `\n${about}\n`}`);
    process.exit(0);
  }
  const count = parsed.positionals.length;
  if (count < min)
    refuse(usage, `expected ${min === max ? min : `at least ${min}`} argument${min === 1 ? '' : 's'}, got ${count}`);
  if (count > max)
    refuse(
      usage,
      max === 0 ? `unexpected argument '${parsed.positionals[0]}'` : `expected at most ${max} arguments, got ${count}`,
    );
  return parsed;
}

/** A count given on the command line (`--runs 9`, `LINES`): a whole number of at least 1, else exit 2 with the usage. */
export function count(text, name, usage) {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) refuse(usage, `${name} must be a whole number, 1 or more; got '${text}'`);
  return n;
}
