import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firewall, samples } from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// A checkout someone else wrote, given to `--output`: what vos-audit finds in it must neither redirect its writes
// nor be compiled by aclgen along with the policies it writes.

const capirca = (out: string) => firewall(['--format', 'capirca', '--output', out, ...samples['stock-posix']!]);

/** The files a run writes into an empty directory, as aclgen reads them. */
const written = ['def/NETWORK.net', 'def/SERVICES.svc', 'pol/m_stock_posix.pol'];

/** Everything but directories below a directory, by path relative to it. */
const filesBelow = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

function checkoutWithVictim(): { acl: string; victim: string } {
  const dir = temporaryDirectory();
  const acl = join(dir, 'acl');
  const victim = join(dir, 'victim');
  mkdirSync(acl);
  mkdirSync(victim);
  writeFileSync(join(victim, 'file'), 'the victim\n');
  return { acl, victim };
}

describe('firewall --format capirca --output DIR, on a directory someone else prepared', () => {
  it('writes pol/ and def/ into an empty directory, and replaces them on the next run', async () => {
    const acl = join(temporaryDirectory(), 'acl');
    expect((await capirca(acl)).status).toBe(0);
    expect(filesBelow(acl)).toEqual(written);
    const first = written.map((path) => readFileSync(join(acl, path), 'utf8'));
    expect((await capirca(acl)).status).toBe(0);
    expect(filesBelow(acl)).toEqual(written);
    expect(written.map((path) => readFileSync(join(acl, path), 'utf8'))).toEqual(first);
  });

  it('writes through no symbolic link: neither a policy linked out nor def/ linked to another directory', async () => {
    const { acl, victim } = checkoutWithVictim();
    mkdirSync(join(acl, 'pol'));
    symlinkSync('../../victim/file', join(acl, 'pol', 'm_stock_posix.pol'));
    symlinkSync(victim, join(acl, 'def'));
    const result = await capirca(acl);
    expect(readdirSync(victim)).toEqual(['file']);
    expect(readFileSync(join(victim, 'file'), 'utf8')).toBe('the victim\n');
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n').filter((line) => line.startsWith(`vos-audit: ${acl}`))).toEqual([
      `vos-audit: ${acl}/pol holds, where this run writes regular files, m_stock_posix.pol (a symbolic link); remove them`,
      `vos-audit: ${acl}/def: is a symbolic link; vos-audit writes only into directories, never through a link`,
    ]);
  });

  it('refuses, naming it, a policy it would not write, which aclgen would compile with its own, and writes nothing', async () => {
    const { acl } = checkoutWithVictim();
    mkdirSync(join(acl, 'pol'));
    const acceptAll = 'header {\n  target:: juniper m_stock_posix-in inet\n}\nterm all {\n  action:: accept\n}\n';
    writeFileSync(join(acl, 'pol', 'm_stock_posix_extra.pol'), acceptAll);
    mkdirSync(join(acl, 'def'));
    writeFileSync(join(acl, 'def', 'OLD.net'), 'OLD = 198.51.100.0/24\n');
    const result = await capirca(acl);
    expect(filesBelow(acl)).toEqual(['def/OLD.net', 'pol/m_stock_posix_extra.pol']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `vos-audit: ${acl}/pol holds files this run does not write, which would be read with the ones it writes: m_stock_posix_extra.pol; remove them, or give an empty directory\n`,
    );
    expect(result.stderr).toContain(
      `vos-audit: ${acl}/def holds files this run does not write, which would be read with the ones it writes: OLD.net; remove them, or give an empty directory\n`,
    );
  });

  it('leaves what is beside pol/ and def/ (such as aclgen’s output) as it is', async () => {
    const { acl } = checkoutWithVictim();
    mkdirSync(join(acl, 'out'));
    writeFileSync(join(acl, 'out', 'm_stock_posix-in.jcl'), 'rendered\n');
    expect((await capirca(acl)).status).toBe(0);
    expect(filesBelow(acl)).toEqual([...written, 'out/m_stock_posix-in.jcl'].sort());
  });

  it('refuses a FIFO where it writes a file, at once', async () => {
    const { acl } = checkoutWithVictim();
    mkdirSync(join(acl, 'def'));
    expect(spawnSync('mkfifo', [join(acl, 'def', 'NETWORK.net')]).status).toBe(0);
    const result = await capirca(acl);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `vos-audit: ${acl}/def holds, where this run writes regular files, NETWORK.net (a FIFO (named pipe)); remove them\n`,
    );
  });
});
