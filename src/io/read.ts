import { isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
  type PathLike,
  type Stats,
} from 'node:fs';
import { describeIoError, UserError } from './errors.ts';
import { HeldDirectory, identityOf } from './held-directory.ts';
import { decodeSource, type ReadOrigin, type Source } from '../syntax/source.ts';

/** A file to read: as it is shown, where it is, and for a file found by walking, the directory it must stay inside. */
export interface FileToRead {
  path: string;
  location: PathLike;
  /** The real path of the directory the file was found in by walking: a symbolic link out of it is not read. */
  within?: Buffer;
}

export type ReadResult = { ok: true; source: Source } | { ok: false; path: string; reason: string };

/** Real configuration files are kilobytes; past this, reading and modelling a file would take minutes and gigabytes. */
export const maxFileBytes = 32 * 1024 * 1024;

/** The path that names standard input, as for most command-line tools: `cat inetd.conf | vos-audit -`. */
export const standardInput = '-';

/** A file vos-audit will not read, and why, in words that follow its name ("is a FIFO"). */
export class NotReadable extends UserError {
  override name = 'NotReadable';
}

/** What a file that is not a regular file is, for the message that refuses it. */
export function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function refuseIrregular(stats: Stats): void {
  if (!stats.isFile()) throw new NotReadable(`is ${describeFileType(stats)}, not a regular file`);
}

/**
 * Opens a regular file for reading without ever blocking: a FIFO opens at once (no writer is waited for) and is
 * then refused, like a device; a socket cannot be opened at all, and is named for what it is.
 */
export function openRegularFile(location: PathLike, extraFlags = 0): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(location, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | extraFlags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') refuseIrregular(statSync(location));
    throw error;
  }
  const stats = fstatSync(fd);
  try {
    refuseIrregular(stats);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return { fd, stats };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Reads at most `limit` + 1 bytes, whatever the file's size says (a /proc file says 0, a device says nothing). */
export function readBounded(fd: number, limit: number, sizeHint = 0): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1 - total, 64 * 1024), limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Standard input left non-blocking by whoever started vos-audit: wait for the writer.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(sleeper, 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/** A size in the words of a message: `32 MB`, `30.5 MB`. */
export const megabytes = (bytes: number, digits = 0) => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;

/** Refuses what is over the limit, with its size when its size is known. */
function checkSize(bytes: Buffer, limit: number, statedSize?: number): Buffer {
  if (statedSize !== undefined && statedSize > limit)
    throw new NotReadable(`is ${megabytes(statedSize, 1)}, more than the ${megabytes(limit)} vos-audit reads`);
  if (bytes.length > limit) throw new NotReadable(`is more than the ${megabytes(limit)} vos-audit reads`);
  return bytes;
}

/** Reads the whole of an open regular file of at most `limit` bytes; a larger one is refused. */
function readWhole(fd: number, stats: Stats, limit: number): Buffer {
  if (stats.size > limit) return checkSize(Buffer.alloc(0), limit, stats.size);
  return checkSize(readBounded(fd, limit, stats.size), limit);
}

const slash = Buffer.from('/');

function isInside(path: Buffer, directory: Buffer): boolean {
  const prefix = directory.at(-1) === slash[0] ? directory : Buffer.concat([directory, slash]);
  return path.length > prefix.length && path.subarray(0, prefix.length).equals(prefix);
}

/** A path's directory and last name, as bytes. */
export function splitPath(path: Buffer): { directory: Buffer; name: Buffer } {
  const at = path.lastIndexOf(slash[0]!);
  return { directory: at <= 0 ? slash : path.subarray(0, at), name: path.subarray(at + 1) };
}

/** A directory a file must stay inside, and how a message names it ("the directory given"). */
export interface Tree {
  path: Buffer;
  named: string;
}

/**
 * Where a file really is, which must be inside the tree wherever its links go. A link out of it and a link that
 * leads nowhere get the same answer, which names the link's own text, never what is at its end: whether a file
 * outside the tree exists is not told either.
 */
export function resolveInside(location: PathLike, tree: Tree): Buffer {
  let target: Buffer | undefined;
  try {
    target = realpathSync.native(location, { encoding: 'buffer' });
  } catch (error) {
    if (!lstatSync(location, { throwIfNoEntry: false })?.isSymbolicLink()) throw error;
  }
  if (target !== undefined && isInside(target, tree.path)) return target;
  if (!lstatSync(location, { throwIfNoEntry: false })?.isSymbolicLink())
    throw new NotReadable(`is not inside ${tree.named}`);
  const text = shownPath(readlinkSync(location, { encoding: 'buffer' }));
  throw new NotReadable(`is a symbolic link to ${text}, which leads to no file inside ${tree.named}`);
}

/** Standard input, read up to the limit whatever it is (a pipe, a file, a device). */
export function readStandardInput(): Buffer {
  return readBounded(0, maxFileBytes);
}

/**
 * Reads a file's real path through its directory, held open, not following a link in the last place: what is read
 * is the file in that directory even if a link has been put in place of it or of a directory above it since its
 * path was resolved, and that directory is checked to be inside the tree once it is held.
 */
export function readThroughDirectory(
  target: Buffer,
  limit: number,
  tree?: Tree,
): { bytes: Buffer; origin: ReadOrigin } {
  const { directory: parent, name } = splitPath(target);
  const directory = HeldDirectory.open(parent);
  try {
    if (tree !== undefined && !isInside(directory.shownName(name), tree.path))
      throw new NotReadable(`is not inside ${tree.named} (a directory above it was moved)`);
    const { fd, stats } = openRegularFile(directory.at(name), constants.O_NOFOLLOW);
    try {
      const bytes = readWhole(fd, stats, limit);
      const file = identityOf(fstatSync(fd, { bigint: true }));
      return { bytes, origin: { path: target, file, directory: directory.identity() } };
    } finally {
      closeSync(fd);
    }
  } finally {
    directory.close();
  }
}

function readBytes(file: FileToRead, readInput: () => Buffer): { bytes: Buffer; origin?: ReadOrigin } {
  if (file.location === standardInput) return { bytes: checkSize(readInput(), maxFileBytes) };
  const tree = file.within && { path: file.within, named: 'the directory given' };
  const target = tree ? resolveInside(file.location, tree) : realpathSync.native(file.location, { encoding: 'buffer' });
  return readThroughDirectory(target, maxFileBytes, tree);
}

/** Reads a file, or standard input for `-`; a file that cannot be used is a reason, never an exception. */
export function readSource(file: FileToRead, readInput: () => Buffer = readStandardInput): ReadResult {
  const { path } = file;
  let read: { bytes: Buffer; origin?: ReadOrigin };
  try {
    read = readBytes(file, readInput);
  } catch (error) {
    const shown = path === standardInput ? 'standard input' : path;
    if (error instanceof NotReadable) return { ok: false, path, reason: `${shown} ${error.message}; not read` };
    return { ok: false, path, reason: `cannot read ${shown}: ${describeIoError(error)}` };
  }
  const { bytes } = read;
  if (bytes.includes(0)) return { ok: false, path, reason: `${path} is a binary file (it has NUL bytes); not read` };
  const source = decodeSource(path, bytes);
  return { ok: true, source: read.origin ? { ...source, origin: read.origin } : source };
}

/**
 * A file name as bytes, shown as text: UTF-8 where it is valid, and each byte that is not as `\xNN`, so that a name
 * in another encoding is shown, not replaced by question marks.
 */
export function shownPath(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let shown = '';
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceLength(bytes, i);
    shown += length > 0 ? bytes.toString('utf8', i, i + length) : `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
    i += Math.max(length, 1);
  }
  return shown;
}

/** The length of the valid UTF-8 character at `i`, or 0 when the byte there does not start one. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  const length =
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead < 0xe0
        ? 2
        : lead >= 0xe0 && lead < 0xf0
          ? 3
          : lead >= 0xf0 && lead < 0xf5
            ? 4
            : 0;
  return length > 0 && i + length <= bytes.length && isUtf8(bytes.subarray(i, i + length)) ? length : 0;
}
