import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIoError, UserError } from '../errors.ts';

/**
 * Replaces a file's bytes atomically: a temporary file beside the target, then a rename over it. A symbolic link is
 * written through to its target; the file's mode is kept. If the file changed since it was read, it is left alone.
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
