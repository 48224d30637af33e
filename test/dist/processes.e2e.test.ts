import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { launcher, runLauncherAsNobody } from '../support/processes.ts';
import { samplesDir, stockModuleAt } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// What only a process of its own shows: other processes at once, signals, its own standard input, blocking opens, another user.
const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('processes.test.ts: not root, so the test that acts as another user is skipped');

describe('vos-audit writers take turns', () => {
  it('two --fix runs at once with different configurations never both succeed with an edit lost', async () => {
    const dir = temporaryDirectory();
    writeFileSync(
      join(dir, 'no-tiny.json'),
      JSON.stringify({ rules: { 'inetd-tiny-service': 'off', 'inetd-dos-tiny-service': 'off' } }),
    );
    writeFileSync(join(dir, 'no-tftp.json'), JSON.stringify({ rules: { 'inetd-bootp-tftp-active': 'off' } }));
    for (let round = 0; round < 6; round++) {
      writeFileSync(join(dir, 'inetd.conf'), stock);
      const runs = ['no-tiny.json', 'no-tftp.json'].map((config) => {
        const child = spawn(process.execPath, [launcher, '--fix', '--config', config, 'inetd.conf'], {
          cwd: dir,
          env: { ...process.env, NO_COLOR: '1' },
        });
        return once(child, 'close').then(([status]) => status as number);
      });
      const statuses = await Promise.all(runs);
      const text = readFileSync(join(dir, 'inetd.conf'), 'utf8');
      const edits = [text.includes('\n#echo\tstream'), text.includes('#tftp')];
      // Each run that exited 0 has its edit on disk; a run that lost the race says so with exit 2.
      statuses.forEach((status, i) => expect(status === 2 || edits[1 - i]).toBe(true));
      expect(statuses.filter((status) => status === 2).length).toBeLessThanOrEqual(1);
      expect(readdirSync(dir).sort()).toEqual(['inetd.conf', 'no-tftp.json', 'no-tiny.json']);
    }
  }, 60_000);
});

describe('--fix stopped by a signal', () => {
  it('finishes or leaves the file being written, lists the files written, and leaves no temporary or lock file', async () => {
    const dir = temporaryDirectory();
    const names = Array.from({ length: 600 }, (_, i) => `m${String(i).padStart(3, '0')}`);
    for (const name of names) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'inetd.conf'), stock);
    }
    const child = spawn(process.execPath, [launcher, '--fix', '.'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const closed = once(child, 'close');
    const fixed = (name: string) => !readFileSync(join(dir, name, 'inetd.conf')).equals(stock);
    while (!fixed(names[0]!)) await new Promise((wait) => setTimeout(wait, 5));
    child.kill('SIGTERM');
    const [status] = await closed;
    const written = names.filter(fixed);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(names.length);
    expect(status).toBe(143);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `vos-audit: stopped by SIGTERM before every fix was written; the ${written.length} files written before stopping are listed below; the others are unchanged`,
    );
    expect(lines.slice(1)).toEqual(written.map((name) => `vos-audit: written before stopping: ${name}/inetd.conf`));
    for (const name of names) expect(readdirSync(join(dir, name))).toEqual(['inetd.conf']);
  }, 60_000);
});

describe('reading', () => {
  it('refuses a FIFO found in a tree or named, without waiting for a writer, and audits the rest', () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, 'm1');
    mkdirSync(join(dir, 'm2'));
    expect(spawnSync('mkfifo', [join(dir, 'm2', 'inetd.conf')]).status).toBe(0);
    const walked = spawnSync(process.execPath, [launcher, 'm1', 'm2'], { cwd: dir, timeout: 20_000, encoding: 'utf8' });
    expect(walked.status).toBe(2);
    expect(walked.stderr).toBe('vos-audit: m2/inetd.conf is a FIFO (named pipe), not a regular file; not read\n');
    expect(walked.stdout).toContain('m1/inetd.conf:');
    const named = spawnSync(process.execPath, [launcher, 'm2/inetd.conf'], {
      cwd: dir,
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(named.stderr).toBe('vos-audit: m2/inetd.conf is a FIFO (named pipe), not a regular file; not read\n');
  });

  it('reads standard input up to the limit only', () => {
    const zero = openSync('/dev/zero', 'r');
    onTestFinished(() => closeSync(zero));
    const result = spawnSync(process.execPath, [launcher, '-'], {
      stdio: [zero, 'pipe', 'pipe'],
      timeout: 60_000,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('vos-audit: standard input is more than the 32 MB vos-audit reads; not read\n');
  });

  it.skipIf(!isRoot)('a directory of mode 700 that belongs to another user (as root: run as nobody)', () => {
    const dir = temporaryDirectory();
    chmodSync(dir, 0o755);
    stockModuleAt(dir, 'm1');
    stockModuleAt(dir, 'private');
    chmodSync(join(dir, 'private'), 0o700);
    const result = runLauncherAsNobody(['.'], dir);
    expect(result.stderr).toBe('vos-audit: cannot read directory private: permission denied\n');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('m1/inetd.conf:');
  });
});
