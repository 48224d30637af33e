import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeAtomically } from '../../src/io/write.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** What another program does while vos-audit syncs its temporary file: appends a line to the file being fixed. */
const duringSync = vi.hoisted(() => ({ append: undefined as (() => void) | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    fsyncSync: (fd: number) => {
      real.fsyncSync(fd);
      duringSync.append?.();
      duringSync.append = undefined;
    },
  };
});

describe('a change made while vos-audit writes the file', () => {
  it('is not overwritten: the file is compared with what was read just before the rename', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    const original = Buffer.from('echo stream tcp nowait root internal\n');
    fs.writeFileSync(path, original);
    // The name temporary files had: vos-audit removed such a file, whoever had made it.
    const decoy = join(dir, `.inetd.conf.vos-audit-${process.pid}.tmp`);
    fs.writeFileSync(decoy, 'not vos-audit’s\n');
    duringSync.append = () => fs.appendFileSync(path, 'ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n');
    await expect(
      writeAtomically(path, Buffer.from('#echo stream tcp nowait root internal\n'), original),
    ).rejects.toThrow(`cannot write ${path}: it changed on disk while vos-audit was writing it; the file is unchanged`);
    expect(fs.readFileSync(path, 'utf8')).toBe(
      'echo stream tcp nowait root internal\nftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n',
    );
    expect(fs.readFileSync(decoy, 'utf8')).toBe('not vos-audit’s\n');
    expect(fs.readdirSync(dir).sort()).toEqual([decoy.slice(dir.length + 1), 'inetd.conf']);
  });
});
