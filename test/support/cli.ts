import { expect } from 'vitest';
import { main } from '../../src/cli/program.ts';
import type { RunOutcome } from '../../src/cli/outcome.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

interface InProcessRun {
  /** The working directory during the run; restored after it. */
  cwd?: string;
  input?: string;
  /** The whole environment the CLI sees. */
  env: Record<string, string | undefined>;
  /** Whether standard output is a terminal. */
  isTTY?: boolean;
}

/** Runs `vos-audit ARGS` from the source, in this process, keeping what it writes in memory. */
async function runInProcess(args: string[], run: InProcessRun): Promise<CliResult> {
  const stdout: Buffer[] = [];
  const stderr: string[] = [];
  const streams = {
    stdout: { write: (chunk: string | Uint8Array) => stdout.push(Buffer.from(chunk)), isTTY: run.isTTY ?? false },
    stderr: { write: (chunk: string) => stderr.push(chunk) },
    env: run.env,
    readStandardInput: () => Buffer.from(run.input ?? ''),
  };
  const before = process.cwd();
  // vitest runs test files in child processes (its default pool, forks), where a test may change directory.
  if (run.cwd !== undefined) process.chdir(run.cwd);
  try {
    const status = await main(['node', 'vos-audit', ...args], streams);
    const stdoutBytes = Buffer.concat(stdout);
    return { status, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: stderr.join('') };
  } finally {
    process.chdir(before);
  }
}

/**
 * `vos-audit ARGS` run in `cwd` with `input` on standard input, as from a shell: `env` adds to the process's
 * environment (NO_COLOR is set).
 */
export function runCli(args: string[], cwd: string, input = '', env: Record<string, string> = {}): Promise<CliResult> {
  return runInProcess(args, { cwd, input, env: { ...process.env, NO_COLOR: '1', ...env } });
}

/** `vos-audit ARGS` with exactly the environment given (NO_COLOR alone by default), and stdout a terminal or not. */
export async function vosAudit(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; isTTY?: boolean } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runInProcess(args, { ...options, env: options.env ?? { NO_COLOR: '1' } });
  return { status, stdout, stderr };
}

/** What an in-process run printed, as text: a string, bytes, or a report in chunks. */
export function stdoutText(stdout: RunOutcome['stdout']): string {
  if (typeof stdout === 'string') return stdout;
  return Buffer.isBuffer(stdout) ? stdout.toString('utf8') : [...stdout].join('');
}

/**
 * A mistake of the user's as the CLI reports it: exit 2, nothing on stdout, and stderr saying so after `vos-audit: `,
 * naming each of `mentions` (the option, value, path or key at fault). The words are checked once, in
 * test/cli/messages.test.ts.
 */
export function expectUserError(
  result: { status: number | null; stdout: string; stderr: string },
  ...mentions: string[]
) {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^vos-audit: \S/);
  for (const mention of mentions) expect(result.stderr).toContain(mention);
}
