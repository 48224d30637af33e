import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** What an attacker does between vos-audit's read of the files and its writes of their fixes; once. */
const betweenReadAndWrite = vi.hoisted(() => ({ swap: undefined as (() => void) | undefined }));

vi.mock('../../src/io/write.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/write.ts')>();
  return {
    ...real,
    writeAll: (writes: Parameters<typeof real.writeAll>[0]) => {
      betweenReadAndWrite.swap?.();
      betweenReadAndWrite.swap = undefined;
      return real.writeAll(writes);
    },
  };
});

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));

/**
 * A checkout with module m1, and outside it a victim directory holding a file with the same bytes as m1's
 * inetd.conf (a copy of a well-known file, say), so that comparing bytes alone cannot tell them apart.
 */
function checkoutAndVictim(): { repo: string; victim: string } {
  const dir = temporaryDirectory();
  const repo = join(dir, 'repo');
  const victim = join(dir, 'victim');
  mkdirSync(join(repo, 'm1'), { recursive: true });
  mkdirSync(victim);
  writeFileSync(join(repo, 'm1', 'inetd.conf'), stock);
  writeFileSync(join(victim, 'inetd.conf'), stock);
  return { repo, victim };
}

function expectVictimUntouched(victim: string): void {
  expect(readFileSync(join(victim, 'inetd.conf'))).toEqual(stock);
  expect(readdirSync(victim)).toEqual(['inetd.conf']);
}

/** The two ways to send a write elsewhere once the file has been read, and why vos-audit refuses each. */
const swaps = [
  {
    what: 'the file, for a symbolic link out of the tree',
    swap: (repo: string, victim: string) => {
      rmSync(join(repo, 'm1', 'inetd.conf'));
      symlinkSync(join(victim, 'inetd.conf'), join(repo, 'm1', 'inetd.conf'));
    },
    why: () => 'it was replaced by a symbolic link since vos-audit read it',
  },
  {
    what: 'its directory, for a symbolic link out of the tree',
    swap: (repo: string, victim: string) => {
      renameSync(join(repo, 'm1'), join(repo, 'm1.old'));
      symlinkSync(victim, join(repo, 'm1'));
    },
    why: (repo: string) =>
      `${realpathSync(repo)}/m1 is no longer the directory vos-audit read it in (a link or another directory was put in its place)`,
  },
];

describe('--fix, when a path is swapped after the file was read', () => {
  it.each(swaps)('refuses, naming the file, and writes nothing when $what', async ({ swap, why }) => {
    const { repo, victim } = checkoutAndVictim();
    betweenReadAndWrite.swap = () => swap(repo, victim);
    const result = await runCli(['--fix', 'm1'], repo);
    expectVictimUntouched(victim);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `vos-audit: cannot write m1/inetd.conf: ${why(repo)}; the file is unchanged`,
    );
  });

  it('still writes a file whose path nobody touched', async () => {
    const { repo, victim } = checkoutAndVictim();
    const result = await runCli(['--fix', 'm1'], repo);
    expect(result.stderr).toBe('');
    expect(readFileSync(join(repo, 'm1', 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');
    expectVictimUntouched(victim);
  });
});
