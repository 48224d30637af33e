import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliStreams } from '../../src/cli/program.ts';

export interface InProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** The environment the CLI sees; NO_COLOR is set unless given. */
  env?: Record<string, string | undefined>;
  /** Whether standard output is a terminal. */
  isTTY?: boolean;
  /** The working directory during the run; restored after it. */
  cwd?: string;
}

/** Runs `vos-audit args…` in this process, as `main` does for the real command line. */
export async function vosAudit(args: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const streams: CliStreams = {
    stdout: { write: (chunk) => (stdout += String(chunk)), isTTY: options.isTTY ?? false },
    stderr: { write: (chunk) => (stderr += chunk) },
    env: options.env ?? { NO_COLOR: '1' },
    readStandardInput: () => Buffer.alloc(0),
  };
  const before = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const status = await main(['node', 'vos-audit', ...args], streams);
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

/** A temporary directory, removed by the returned function. */
export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vos-audit-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
