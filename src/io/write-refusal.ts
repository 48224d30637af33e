import { closeSync, constants, fchmodSync, fchownSync, fstatSync, type Stats } from 'node:fs';
import { describeIoError } from './errors.ts';
import type { AttributeIndex } from './extended-attributes.ts';
import { HeldDirectory, identityOf, sameFile } from './held-directory.ts';
import { NotReadable, openRegularFile, readBounded } from './read.ts';
import type { FileIdentity } from '../syntax/source.ts';

/** Refuses the write, saying why: it throws, and the file is left as it was. */
export type Fail = (why: string) => never;

/**
 * Opens the file of that name in the directory, never through a symbolic link, and checks that it is the file
 * expected (the one read, or at the second check the one checked first) holding the bytes read.
 */
export function openExpected(
  directory: HeldDirectory,
  name: Buffer,
  expected: { identity?: FileIdentity; bytes: Uint8Array; since: string },
  fail: Fail,
): { fd: number; stats: Stats; identity: FileIdentity } {
  let opened: { fd: number; stats: Stats };
  try {
    opened = openRegularFile(directory.at(name), constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') fail(`it was replaced by a symbolic link ${expected.since}`);
    return fail(error instanceof NotReadable ? `it ${error.message}` : describeIoError(error));
  }
  const { fd, stats } = opened;
  try {
    const identity = identityOf(fstatSync(fd, { bigint: true }));
    if (expected.identity !== undefined && !sameFile(identity, expected.identity))
      fail(`it was replaced by another file ${expected.since}`);
    if (!readBounded(fd, expected.bytes.length).equals(expected.bytes)) fail(`it changed on disk ${expected.since}`);
    return { fd, stats, identity };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * What replacing the file would lose or break, refused before anything is written: a read-only file, another
 * file or another program's change since it was read, a file that is no longer a regular file, other hard links,
 * extended attributes or an ACL (as `attributes` lists them). Returns the file's status, whose owner, group and
 * mode the new file takes.
 */
export function checkReplaceable(
  directory: HeldDirectory,
  name: Buffer,
  expected: { identity?: FileIdentity; bytes: Uint8Array },
  attributes: AttributeIndex,
  fail: Fail,
): { stats: Stats; identity: FileIdentity } {
  const { fd, stats, identity } = openExpected(
    directory,
    name,
    { ...expected, since: 'since vos-audit read it' },
    fail,
  );
  try {
    // A rename would replace even a read-only file; its mode says nobody should, so neither does vos-audit.
    if ((stats.mode & 0o222) === 0) fail('it is read-only');
    if (stats.nlink > 1)
      fail(`it has ${stats.nlink} hard links, and replacing it would leave the other names with the old text`);
    const listed = attributes.attributesOf(fd, identity);
    if (listed.length > 0)
      fail(`it has extended attributes or an ACL (${listed.join(', ')}), which the rewritten file would not keep`);
  } finally {
    closeSync(fd);
  }
  return { stats, identity };
}

/** Gives the new file the original's owner, group and mode (in that order: a change of owner clears set-id bits). */
export function takeOwnership(fd: number, original: Stats): void {
  const own = fstatSync(fd);
  if (own.uid !== original.uid || own.gid !== original.gid) fchownSync(fd, original.uid, original.gid);
  fchmodSync(fd, original.mode & 0o7777);
}
