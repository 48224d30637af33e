import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIoError, UserError } from './errors.ts';

/**
 * Replaces a file's bytes atomically: a temporary file beside the target, then a rename over it. A symbolic link is
 * written through to its target; the file's mode is kept. A read-only file, or one that changed since it was read,
 * is left alone; on any failure the temporary file is removed and the target is as it was.
 */
export function writeAtomically(path: string, bytes: Uint8Array, original: Uint8Array): void {
  const fail = (why: string): never => {
    throw new UserError(`cannot write ${path}: ${why}; the file is unchanged`);
  };
  let target: string;
  let mode: number;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
    // A rename would replace even a read-only file; its mode says nobody should, so neither does vos-audit.
    if ((mode & 0o222) === 0) fail('it is read-only');
    if (!readFileSync(target).equals(original)) fail('it changed on disk since vos-audit read it');
  } catch (error) {
    if (error instanceof UserError) throw error;
    return fail(describeIoError(error));
  }
  const temporary = join(dirname(target), `.${basename(target)}.vos-audit-${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    fail(describeIoError(error));
  }
}
