import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What package.json's bin points to: the launcher, which runs `bundle`. */
export const launcher = new URL('../dist/vos-audit.js', import.meta.url).pathname;

/** The CLI itself, all of src/ and its dependencies: what the launcher runs, here without its cache and V8 settings. */
export const bundle = new URL('../dist/bundle.js', import.meta.url).pathname;

export interface CliResult {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs the committed CLI, as `npx vos-audit` and the pre-commit hook do; `env` adds to the environment. */
export function cli(args: string[], cwd: string, input?: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [launcher, ...args], { cwd, input, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout.toString('utf8'), stdoutBytes: result.stdout, stderr: result.stderr.toString('utf8') };
}

export function temporaryDirectory(prefix = 'vos-audit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function run(command: string, args: string[], cwd: string, input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, input });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}
