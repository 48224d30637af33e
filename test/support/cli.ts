import { main } from '../../src/cli/program.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * Runs the command line from the source, in this process, as `vos-audit ARGS` run in `cwd` with `input` on standard
 * input: what it writes is kept in memory. `env` adds to the environment the CLI sees (NO_COLOR is set).
 */
export async function runCli(args: string[], cwd: string, input = '', env: Record<string, string> = {}): Promise<CliResult> {
  const stdout: Buffer[] = [];
  const stderr: string[] = [];
  const streams = {
    stdout: { write: (chunk: string | Uint8Array) => stdout.push(Buffer.from(chunk)) },
    stderr: { write: (chunk: string) => stderr.push(chunk) },
    env: { ...process.env, NO_COLOR: '1', ...env },
    readStandardInput: () => Buffer.from(input),
  };
  const before = process.cwd();
  // vitest runs test files in child processes (its default pool, forks), where a test may change directory.
  process.chdir(cwd);
  try {
    const status = await main(['node', 'vos-audit', ...args], streams);
    const stdoutBytes = Buffer.concat(stdout);
    return { status, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: stderr.join('') };
  } finally {
    process.chdir(before);
  }
}
