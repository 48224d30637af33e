import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeSync,
  type BigIntStats,
  type PathLike,
} from 'node:fs';
import { UserError } from './errors.ts';
import type { FileIdentity } from '../syntax/source.ts';

export const identityOf = (stats: BigIntStats): FileIdentity => ({ device: stats.dev, inode: stats.ino });

export const sameFile = (a: FileIdentity, b: FileIdentity) => a.device === b.device && a.inode === b.inode;

/** Where Linux shows a process's open descriptors; a path through one reaches the directory it holds, by no name. */
const descriptors = '/proc/self/fd';

const slash = Buffer.from('/');

/**
 * A directory held open. Node.js has no openat or renameat, so a name in it is reached through the descriptor
 * (`/proc/self/fd/N/name`): renaming the directory, or putting a symbolic link in its place or in place of any
 * directory above it, changes nothing about which directory that name is in. Only the last component is looked up
 * by name, and every open here refuses to follow it when it is a symbolic link.
 */
export class HeldDirectory {
  private constructor(
    readonly fd: number,
    /** Its real path when it was opened, as bytes: for messages only, never opened again. */
    readonly shown: Buffer,
  ) {}

  /** Opens a directory by path; a symbolic link is followed only where `followLink` allows it. */
  static open(location: PathLike, followLink = true): HeldDirectory {
    const flags = constants.O_RDONLY | constants.O_DIRECTORY | (followLink ? 0 : constants.O_NOFOLLOW);
    const fd = openSync(location, flags);
    try {
      return new HeldDirectory(fd, readlinkSync(`${descriptors}/${fd}`, { encoding: 'buffer' }));
    } catch (error) {
      closeSync(fd);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new UserError(`${descriptors} is not available (mount /proc): vos-audit writes only through it`);
      throw error;
    }
  }

  /** The path of a name in this directory, through its descriptor. */
  at(name: Buffer | string): Buffer {
    const bytes = typeof name === 'string' ? Buffer.from(name) : name;
    if (
      bytes.length === 0 ||
      bytes.includes(slash[0]!) ||
      bytes.equals(Buffer.from('.')) ||
      bytes.equals(Buffer.from('..'))
    )
      throw new Error(`not a name in a directory: ${bytes.toString('latin1')}`);
    return Buffer.concat([Buffer.from(`${descriptors}/${this.fd}/`), bytes]);
  }

  /** A name as a person reads it: the directory's real path and the name. */
  shownName(name: Buffer | string): Buffer {
    return Buffer.concat([this.shown, slash, typeof name === 'string' ? Buffer.from(name) : name]);
  }

  /** The names in it, as bytes. */
  entries(): Buffer[] {
    return readdirSync(`${descriptors}/${this.fd}`, { encoding: 'buffer' });
  }

  identity(): FileIdentity {
    return identityOf(fstatSync(this.fd, { bigint: true }));
  }

  /** A directory in this one, never reached through a symbolic link. */
  openChild(name: string): HeldDirectory {
    const child = HeldDirectory.open(this.at(name), false);
    return new HeldDirectory(child.fd, this.shownName(name));
  }

  /** A new file in this directory, created exclusively under a name nobody can predict, for writing. */
  createTemporary(beside: Buffer, mode: number): { fd: number; name: Buffer } {
    for (let attempt = 0; ; attempt++) {
      const name = Buffer.concat([
        Buffer.from('.'),
        beside,
        Buffer.from(`.vos-audit-${randomBytes(8).toString('hex')}.tmp`),
      ]);
      try {
        const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
        return { fd: openSync(this.at(name), flags, mode), name };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 3) throw error;
      }
    }
  }

  /** Renames within this directory; the name replaced, whatever it is, is replaced, never followed. */
  rename(from: Buffer | string, to: Buffer | string): void {
    renameSync(this.at(from), this.at(to));
  }

  remove(name: Buffer | string): void {
    rmSync(this.at(name), { force: true });
  }

  /** Makes the renames in it durable; a file system that cannot sync a directory has done what it can. */
  sync(): void {
    try {
      fsyncSync(this.fd);
    } catch {
      // Nothing more to do.
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Writes bytes to a new temporary file in the directory, lets `prepare` set its owner or mode, syncs it, then
 * renames it to `name` once `beforeRename` has not objected; the temporary file is removed whatever fails.
 */
export function replaceInDirectory(
  directory: HeldDirectory,
  name: Buffer,
  bytes: Uint8Array,
  options: { mode: number; prepare?: (fd: number) => void; beforeRename?: () => void },
): void {
  const temporary = directory.createTemporary(name, options.mode);
  let renamed = false;
  try {
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(temporary.fd, bytes, done);
      options.prepare?.(temporary.fd);
      fsyncSync(temporary.fd);
    } finally {
      closeSync(temporary.fd);
    }
    options.beforeRename?.();
    directory.rename(temporary.name, name);
    renamed = true;
  } finally {
    if (!renamed) directory.remove(temporary.name);
  }
  directory.sync();
}
