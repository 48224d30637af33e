import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, cpSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { launcher, runLauncher } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stockPosix = join(samplesDir, 'stock-posix', 'inetd.conf');

describe('the committed CLI, end to end', () => {
  it('audits a sample as the source does', async () => {
    const args = ['--products', 'S270', 'stock-posix'];
    expect(runLauncher(args, samplesDir)).toEqual(await runCli(args, samplesDir));
  });

  it('measures text that is not ASCII as the source does (string-width, loaded on first use in the bundle)', async () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'stock-posix'), join(dir, '監査モジュール'), { recursive: true });
    const args = ['ports', '監査モジュール'];
    const byLauncher = runLauncher(args, dir, undefined, { COLUMNS: '80' });
    expect(byLauncher.stdout).toContain('監査モジュール');
    expect(byLauncher).toEqual(await runCli(args, dir, '', { COLUMNS: '80' }));
  });

  it('fixes a module as the source does', async () => {
    const [byLauncher, bySource] = [temporaryDirectory(), temporaryDirectory()];
    for (const dir of [byLauncher, bySource])
      cpSync(join(samplesDir, 'stock-posix'), join(dir, 'm1'), { recursive: true });
    const args = ['--fix', '--suggestions', 'm1'];
    expect(runLauncher(args, byLauncher)).toEqual(await runCli(args, bySource));
    for (const name of ['inetd.conf', 'module_start_up.cm'])
      expect(readFileSync(join(byLauncher, 'm1', name))).toEqual(readFileSync(join(bySource, 'm1', name)));
  });

  it('stops quietly, keeping its exit code, when the reader closes the pipe early (| head)', async () => {
    const dir = temporaryDirectory();
    // Thousands of findings: far more than a pipe holds, so writes are still pending when the reader goes.
    writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp nowait root internal\n'.repeat(5000));
    const child = spawn(process.execPath, [launcher, 'inetd.conf'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [status] = (await once(child, 'close')) as [number];
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  it('exits 2 with one line when the report cannot be written (a full disk)', () => {
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [launcher, stockPosix], { stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    expect(result.status).toBe(2);
    expect(result.stderr.toString()).toBe(
      'vos-audit: cannot write the report to standard output: ENOSPC: no space left on device, write\n',
    );
  });

  it('colours severities only on a terminal, and never with NO_COLOR or --no-color', () => {
    const onTerminal = (args: string, env: Record<string, string> = {}) =>
      spawnSync('script', ['-qec', `node ${launcher} ${args}`, '/dev/null'], {
        cwd: samplesDir,
        env: { ...process.env, NO_COLOR: '', ...env },
        encoding: 'utf8',
      }).stdout;
    expect(onTerminal('rsn-only-telnet')).toContain('\u001b[33mwarning\u001b[0m');
    expect(onTerminal('--no-color rsn-only-telnet')).not.toContain('\u001b[');
    expect(onTerminal('rsn-only-telnet', { NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(runLauncher(['rsn-only-telnet'], samplesDir).stdout).not.toContain('\u001b[');
  });
});
