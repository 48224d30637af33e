import { closeSync, realpathSync, type PathLike } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { describeIoError, UserError } from './errors.ts';
import { AttributeIndex } from './extended-attributes.ts';
import { HeldDirectory, replaceInDirectory, sameFile } from './held-directory.ts';
import { shownPath, splitPath } from './read.ts';
import { acquireLock } from './write-lock.ts';
import { checkReplaceable, openExpected, takeOwnership, type Fail } from './write-refusal.ts';
import type { FileIdentity, ReadOrigin } from '../syntax/source.ts';

/** The signal that asked the run to stop, while files are being written. */
let stopSignal: NodeJS.Signals | undefined;

function replaceLocked(
  directory: HeldDirectory,
  name: Buffer,
  bytes: Uint8Array,
  expected: { identity?: FileIdentity; bytes: Uint8Array },
  attributes: AttributeIndex,
  fail: Fail,
): void {
  const { stats, identity } = checkReplaceable(directory, name, expected, attributes, fail);
  try {
    replaceInDirectory(directory, name, bytes, {
      mode: 0o600,
      prepare: (fd) => takeOwnership(fd, stats),
      // The same file with the same bytes just before the rename: a change since the first check is not overwritten.
      beforeRename: () =>
        closeSync(
          openExpected(
            directory,
            name,
            { identity, bytes: expected.bytes, since: 'while vos-audit was writing it' },
            fail,
          ).fd,
        ),
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EPERM' && stats.uid !== process.getuid?.()) {
      fail(`it belongs to user ${stats.uid} and group ${stats.gid}, which vos-audit cannot give the rewritten file`);
    }
    fail(describeIoError(error));
  }
}

const isReadOrigin = (location: ReadOrigin | PathLike): location is ReadOrigin =>
  typeof location === 'object' && 'directory' in location && 'file' in location;

/**
 * The directory to write in, held open, the file's name in it, and the file expected there: for a file read, its
 * directory then, which must be the same directory now (not another put in its place, through a symbolic link or a
 * rename), and the file read.
 */
function holdDirectory(
  location: ReadOrigin | PathLike,
  fail: Fail,
): { directory: HeldDirectory; name: Buffer; identity?: FileIdentity } {
  const target = isReadOrigin(location) ? location.path : realpathSync.native(location, { encoding: 'buffer' });
  const { directory: parent, name } = splitPath(target);
  const directory = HeldDirectory.open(parent);
  if (!isReadOrigin(location)) return { directory, name };
  if (!sameFile(directory.identity(), location.directory)) {
    directory.close();
    fail(
      `${shownPath(parent)} is no longer the directory vos-audit read it in (a link or another directory was put in its place)`,
    );
  }
  return { directory, name, identity: location.file };
}

/**
 * Replaces a file's bytes atomically: a temporary file beside the target, then a rename over it, both through its
 * directory held open. A file read is written where it was read, or not at all: another file or a symbolic link in
 * its place, or another directory in place of its directory, is refused. A symbolic link named on the command line
 * is written through to its target; the file's owner, group and mode are kept. Refused, leaving the file as it was:
 * a read-only file, one that changed since it was read (checked once more just before the rename), one with other
 * hard links, extended attributes or an ACL (listed beforehand in `attributes`, or else asked about then).
 * vos-audit's writers of one file take turns (see acquireLock).
 */
export async function writeAtomically(
  path: string,
  bytes: Uint8Array,
  original: Uint8Array,
  location: ReadOrigin | PathLike = path,
  attributes = AttributeIndex.none,
): Promise<void> {
  const fail: Fail = (why) => {
    throw new UserError(`cannot write ${path}: ${why}; the file is unchanged`);
  };
  let held: { directory: HeldDirectory; name: Buffer; identity?: FileIdentity };
  try {
    held = holdDirectory(location, fail);
  } catch (error) {
    if (error instanceof UserError) throw error;
    return fail(describeIoError(error));
  }
  const { directory, name, identity } = held;
  try {
    const lock = await acquireLock(directory, name, fail, () => stopSignal);
    try {
      replaceLocked(directory, name, bytes, { identity, bytes: original }, attributes, fail);
    } finally {
      lock.release();
    }
  } finally {
    directory.close();
  }
}

export interface PendingWrite {
  path: string;
  location: ReadOrigin | PathLike;
  bytes: Uint8Array;
  original: Uint8Array;
}

export interface WriteReport {
  /** Why each write that failed did, by its index in the writes. */
  failures: Map<number, string>;
  /** The paths written, in order. */
  written: string[];
  /** The signal that stopped the run before every file was written. */
  stoppedBy?: NodeJS.Signals;
}

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The exit code of a run stopped by a signal, as a shell reports a command killed by it: 128 + its number. */
export function stoppedExitCode(signal: NodeJS.Signals): number {
  return 128 + osConstants.signals[signal];
}

/**
 * Writes the files one by one. SIGINT, SIGTERM or SIGHUP meanwhile stops the run between two files: the file being
 * written is finished or left as it was, never half-written, and no temporary or lock file is left behind.
 */
export async function writeAll(writes: readonly PendingWrite[]): Promise<WriteReport> {
  const report: WriteReport = { failures: new Map(), written: [] };
  const stop = (signal: NodeJS.Signals) => {
    stopSignal ??= signal;
  };
  stopSignal = undefined;
  for (const signal of stopSignals) process.on(signal, stop);
  try {
    const attributes = AttributeIndex.of(
      writes.map(({ location }) => (isReadOrigin(location) ? location.path : location)),
    );
    for (const [i, write] of writes.entries()) {
      // Signals are delivered only when the event loop runs: give it a turn between two files.
      await new Promise(setImmediate);
      if (stopSignal !== undefined) break;
      try {
        await writeAtomically(write.path, write.bytes, write.original, write.location, attributes);
        report.written.push(write.path);
      } catch (error) {
        report.failures.set(
          i,
          error instanceof UserError ? error.message : `cannot write ${write.path}: ${describeIoError(error)}`,
        );
      }
    }
    if (stopSignal !== undefined) report.stoppedBy = stopSignal;
  } finally {
    for (const signal of stopSignals) process.off(signal, stop);
    stopSignal = undefined;
  }
  return report;
}
