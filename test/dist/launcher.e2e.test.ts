import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.ts';
import { bundle, launcher, runLauncher } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const cacheName = `code-cache-${process.version}-${process.arch}`;

/** Audits a sample module with the launcher, its code cache in `cacheHome`. */
function audit(cacheHome: string, env: Record<string, string> = {}): CliResult {
  return runLauncher(['stock-posix'], samplesDir, undefined, { XDG_CACHE_HOME: cacheHome, ...env });
}

const reference = audit(temporaryDirectory(), { VOS_AUDIT_NO_CODE_CACHE: '1' });

describe('the code cache', () => {
  it('is written by the first run, private to the user, and used as it is by the next', () => {
    const home = temporaryDirectory();
    const file = join(home, 'vos-audit', cacheName);
    expect(audit(home)).toEqual(reference);
    expect(statSync(join(home, 'vos-audit')).mode & 0o777).toBe(0o700);
    const written = statSync(file);
    expect(written.mode & 0o777).toBe(0o600);
    expect(audit(home)).toEqual(reference);
    // Rewritten only when missing, stale or rejected by V8: the same file means the second run accepted it.
    expect(statSync(file).ino).toBe(written.ino);
  });

  it('is replaced when it was made from another bundle, or is damaged', () => {
    const home = temporaryDirectory();
    const file = join(home, 'vos-audit', cacheName);
    audit(home);
    const good = readFileSync(file);
    const otherBundle = Buffer.from(good);
    otherBundle[0]! ^= 0xff;
    const truncated = good.subarray(0, good.length >> 1);
    for (const damaged of [otherBundle, truncated, Buffer.from('not a cache')]) {
      writeFileSync(file, damaged);
      expect(audit(home)).toEqual(reference);
      const replaced = statSync(file);
      const firstLine = (cache: Buffer) => cache.subarray(0, cache.indexOf(10));
      expect(firstLine(readFileSync(file)).equals(firstLine(good))).toBe(true);
      audit(home);
      expect(statSync(file).ino).toBe(replaced.ino);
    }
  });

  it('is left alone when it cannot be written, and with VOS_AUDIT_NO_CODE_CACHE', () => {
    const notADirectory = join(temporaryDirectory(), 'file');
    writeFileSync(notADirectory, '');
    expect(audit(notADirectory)).toEqual(reference);
    const off = temporaryDirectory();
    expect(audit(off, { VOS_AUDIT_NO_CODE_CACHE: '1' })).toEqual(reference);
    expect(existsSync(join(off, 'vos-audit'))).toBe(false);
  });

  /**
   * A cache directory someone else could write: the cache in it is a FIFO, which a run that read it would wait on
   * for ever, so a run that ends read nothing; and it writes nothing there either.
   */
  function auditBesideForeignCache(mode: number, owner?: number): void {
    const home = temporaryDirectory();
    try {
      const directory = join(home, 'vos-audit');
      mkdirSync(directory);
      chmodSync(directory, mode);
      expect(spawnSync('mkfifo', [join(directory, cacheName)]).status).toBe(0);
      if (owner !== undefined) chownSync(directory, owner, owner);
      const result = spawnSync(process.execPath, [launcher, 'stock-posix'], {
        cwd: samplesDir,
        env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: home },
        timeout: 20_000,
      });
      expect(result.status).toBe(reference.status);
      expect(result.stdout.toString()).toBe(reference.stdout);
      expect(readdirSync(directory)).toEqual([cacheName]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }

  it('is not used in a directory that others can write (mode 777)', () => auditBesideForeignCache(0o777));

  it.skipIf(process.getuid?.() !== 0)(
    "is not used in another user's directory, whatever its mode (needs root: chown)",
    () => {
      auditBesideForeignCache(0o700, 65534);
      auditBesideForeignCache(0o777, 65534);
    },
  );

  it.skipIf(process.getuid?.() !== 0)('leaves no partial file behind on a full disk (needs root: mount)', () => {
    const home = temporaryDirectory();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', home]).status).toBe(0);
    try {
      expect(audit(home)).toEqual(reference);
      expect(readdirSync(join(home, 'vos-audit'))).toEqual([]);
    } finally {
      spawnSync('umount', [home]);
    }
  });

  it('changes nothing in what is reported', () => {
    expect(reference.status).toBe(1);
    expect(reference.stdout).toMatch(/15 problems .* in 4 files/);
    expect(reference.stderr).toBe('');
  });
});

describe('the young generation', () => {
  const directory = temporaryDirectory();
  const file = join(directory, 'inetd.conf');
  const generator = new URL('../../bench/generate-inetd.mjs', import.meta.url).pathname;
  writeFileSync(file, spawnSync(process.execPath, [generator, '20000'], { maxBuffer: 1 << 28 }).stdout);
  const report = join(directory, 'new-space');
  const preload = join(directory, 'report-new-space.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size)));`,
  );

  /** Runs `script` on a generated 20,000-line inetd.conf and returns the size of V8's new space at exit. */
  function newSpaceAfterLargeAudit(script: string): number {
    const result = spawnSync(process.execPath, ['--require', preload, script, file], { maxBuffer: 1 << 28 });
    expect(result.status).toBe(1);
    return Number(readFileSync(report, 'utf8'));
  }

  it('is kept at its first size by the launcher, where V8 alone would grow it to tens of megabytes', () => {
    const megabyte = 1 << 20;
    expect(newSpaceAfterLargeAudit(bundle)).toBeGreaterThan(16 * megabyte);
    expect(newSpaceAfterLargeAudit(launcher)).toBeLessThanOrEqual(4 * megabyte);
  });
});
