import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What package.json's bin points to: the launcher, which runs `bundle`. */
export const launcher = new URL('../../dist/vos-audit.js', import.meta.url).pathname;

/** The CLI itself, all of src/ and its dependencies: what the launcher runs, here without its cache and V8 settings. */
export const bundle = new URL('../../dist/bundle.js', import.meta.url).pathname;

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

/** Runs the CLI as the user nobody (needs root), without the code cache, which nobody has no home for. */
export function cliAsNobody(args: string[], cwd: string): CliResult {
  const result = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, launcher, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', VOS_AUDIT_NO_CODE_CACHE: '1' },
  });
  return { status: result.status, stdout: result.stdout.toString('utf8'), stdoutBytes: result.stdout, stderr: result.stderr.toString('utf8') };
}

export function temporaryDirectory(prefix = 'vos-audit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function run(command: string, args: string[], cwd: string, input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, input });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

/** A temporary directory removed by `cleanups`, which the test file runs after each test, the last added first. */
export function scratchDirectory(cleanups: Array<() => void>): string {
  const dir = temporaryDirectory();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
