import { isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type PathLike,
  type Stats,
} from 'node:fs';
import { describeIoError, UserError } from './errors.ts';
import { decodeSource, type Source } from '../syntax/source.ts';

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

/** Reads a whole regular file of at most `limit` bytes; a larger one, or a device or FIFO, is refused. */
export function readRegularFile(location: PathLike, limit: number, extraFlags = 0): Buffer {
  const { fd, stats } = openRegularFile(location, extraFlags);
  try {
    if (stats.size > limit) return checkSize(Buffer.alloc(0), limit, stats.size);
    return checkSize(readBounded(fd, limit, stats.size), limit);
  } finally {
    closeSync(fd);
  }
}

const slash = Buffer.from('/');

function isInside(path: Buffer, directory: Buffer): boolean {
  const prefix = directory.at(-1) === slash[0] ? directory : Buffer.concat([directory, slash]);
  return path.length > prefix.length && path.subarray(0, prefix.length).equals(prefix);
}

/** Where a file really is; a file found by walking must be inside the directory walked, wherever its links go. */
function resolveTarget(file: FileToRead): Buffer {
  const target = realpathSync.native(file.location, { encoding: 'buffer' });
  if (file.within !== undefined && !isInside(target, file.within)) {
    throw new NotReadable(`is a symbolic link to ${shownPath(target)}, outside the directory given`);
  }
  return target;
}

/** Standard input, read up to the limit whatever it is (a pipe, a file, a device). */
export function readStandardInput(): Buffer {
  return readBounded(0, maxFileBytes);
}

function readBytes(file: FileToRead, readInput: () => Buffer): { bytes: Buffer; target?: Buffer } {
  if (file.location === standardInput) return { bytes: checkSize(readInput(), maxFileBytes) };
  const target = resolveTarget(file);
  // The real path is opened not following links, so that a link put in its place since is not followed either.
  return { bytes: readRegularFile(target, maxFileBytes, constants.O_NOFOLLOW), target };
}

/** Reads a file, or standard input for `-`; a file that cannot be used is a reason, never an exception. */
export function readSource(file: FileToRead, readInput: () => Buffer = readStandardInput): ReadResult {
  const { path } = file;
  let read: { bytes: Buffer; target?: Buffer };
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
  return { ok: true, source: read.target ? { ...source, realPath: read.target } : source };
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
