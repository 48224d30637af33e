import { spawnSync } from 'node:child_process';
import type { CliResult } from './cli.ts';

/** What package.json's bin points to: the launcher, which runs `bundle`. */
export const launcher = new URL('../../dist/vos-audit.js', import.meta.url).pathname;

/** The CLI itself, all of src/ and its dependencies: what the launcher runs, here without its cache and V8 settings. */
export const bundle = new URL('../../dist/bundle.js', import.meta.url).pathname;

/** Runs the committed CLI in a process of its own, as `npx vos-audit` and the pre-commit hook do; `env` adds to the environment. */
export function runLauncher(args: string[], cwd: string, input?: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [launcher, ...args], {
    cwd,
    input,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stdoutBytes: result.stdout,
    stderr: result.stderr.toString('utf8'),
  };
}

/** Runs the committed CLI as the user nobody (needs root), without the code cache, which nobody has no home for. */
export function runLauncherAsNobody(args: string[], cwd: string): CliResult {
  const result = spawnSync(
    'setpriv',
    ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, launcher, ...args],
    {
      cwd,
      env: { ...process.env, NO_COLOR: '1', VOS_AUDIT_NO_CODE_CACHE: '1' },
    },
  );
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stdoutBytes: result.stdout,
    stderr: result.stderr.toString('utf8'),
  };
}

/** Runs another program (git, patch) to completion. */
export function runCommand(
  command: string,
  args: string[],
  cwd: string,
  input?: Buffer,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, input });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}
