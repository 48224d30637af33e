import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  openSync,
  realpathSync,
  writeSync,
  type PathLike,
  type Stats,
} from 'node:fs';
import { hostname, constants as osConstants } from 'node:os';
import { describeIoError, UserError } from './errors.ts';
import { HeldDirectory, identityOf, replaceInDirectory, sameFile } from './held-directory.ts';
import { NotReadable, openRegularFile, readBounded, shownPath, splitPath } from './read.ts';
import type { FileIdentity, ReadOrigin } from '../syntax/source.ts';

type Fail = (why: string) => never;

/** How long a write waits for another vos-audit run to finish writing the same file. */
export const lockWaitMs = 10_000;
const lockPollMs = 20;

/** The signal that asked the run to stop, while files are being written. */
let stopSignal: NodeJS.Signals | undefined;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** What a lock says of its holder, "PID HOST"; nothing when it is gone, unreadable or not a regular file. */
function readLock(lock: Buffer): { pid: number; host: string } {
  let text = '';
  try {
    const { fd } = openRegularFile(lock, constants.O_NOFOLLOW);
    try {
      text = readBounded(fd, 256).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    // Removed since, or not a lock vos-audit wrote: the holder is unknown.
  }
  const [pid = '', host = ''] = text.trim().split(' ');
  return { pid: Number(pid), host };
}

/** Who holds a lock, in words, or that its holder has ended (then nobody will remove it but a person). */
function lockHolder(directory: HeldDirectory, lock: Buffer): { ended: boolean; description: string } {
  const { pid, host } = readLock(directory.at(lock));
  const shownLock = shownPath(directory.shownName(lock));
  const known = Number.isInteger(pid) && pid > 0;
  if (known && host === hostname() && !isAlive(pid)) {
    return {
      ended: true,
      description: `a lock left by a vos-audit run that has ended (process ${pid}): remove ${shownLock} if no vos-audit is writing it`,
    };
  }
  const where = host !== '' && host !== hostname() ? ` on ${host}` : '';
  return {
    ended: false,
    description: `another vos-audit run${known ? ` (process ${pid}${where})` : ''} is writing it (lock ${shownLock})`,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

interface Lock {
  release(): void;
}

/**
 * Serialises vos-audit's writers of one file: a lock file beside it, created exclusively, holding "PID HOST". A
 * second writer waits for the first to finish, then finds the file changed since it read it and writes nothing.
 * A lock is removed only by its holder, and only if it is still the one it created.
 */
async function acquireLock(directory: HeldDirectory, name: Buffer, fail: Fail): Promise<Lock> {
  const lock = Buffer.concat([Buffer.from('.'), name, Buffer.from('.vos-audit.lock')]);
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    let fd: number;
    try {
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
      fd = openSync(directory.at(lock), flags, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return fail(describeIoError(error));
      const holder = lockHolder(directory, lock);
      if (holder.ended || Date.now() > deadline) return fail(holder.description);
      await sleep(lockPollMs);
      if (stopSignal !== undefined)
        return fail(`stopped by ${stopSignal} while waiting for another vos-audit run to finish writing it`);
      continue;
    }
    writeSync(fd, `${process.pid} ${hostname()}\n`);
    const ours = identityOf(fstatSync(fd, { bigint: true }));
    return {
      release() {
        closeSync(fd);
        const now = lstatSync(directory.at(lock), { bigint: true, throwIfNoEntry: false });
        if (now !== undefined && sameFile(identityOf(now), ours)) directory.remove(lock);
      },
    };
  }
}

/**
 * The extended attributes of an open file, ACLs included (system.posix_acl_*), which a rewritten file would not
 * have; the SELinux label, which a new file gets from the policy, aside. Node.js cannot list them itself: getfattr
 * (the attr package) reads them through the descriptor, whatever the file's name; without it they cannot be known.
 */
function extendedAttributes(fd: number): string[] {
  const listing = spawnSync('getfattr', ['--absolute-names', '--match=-', '/dev/stdin'], {
    stdio: [fd, 'pipe', 'pipe'],
    encoding: 'latin1',
  });
  if (listing.status !== 0) return [];
  return listing.stdout
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && line !== 'security.selinux');
}

/**
 * Opens the file of that name in the directory, never through a symbolic link, and checks that it is the file
 * expected (the one read, or at the second check the one checked first) holding the bytes read.
 */
function openExpected(
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
 * extended attributes or an ACL. Returns the file's status, whose owner, group and mode the new file takes.
 */
function checkReplaceable(
  directory: HeldDirectory,
  name: Buffer,
  expected: { identity?: FileIdentity; bytes: Uint8Array },
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
    const attributes = extendedAttributes(fd);
    if (attributes.length > 0)
      fail(`it has extended attributes or an ACL (${attributes.join(', ')}), which the rewritten file would not keep`);
  } finally {
    closeSync(fd);
  }
  return { stats, identity };
}

/** Gives the new file the original's owner, group and mode (in that order: a change of owner clears set-id bits). */
function takeOwnership(fd: number, original: Stats): void {
  const own = fstatSync(fd);
  if (own.uid !== original.uid || own.gid !== original.gid) fchownSync(fd, original.uid, original.gid);
  fchmodSync(fd, original.mode & 0o7777);
}

function replaceLocked(
  directory: HeldDirectory,
  name: Buffer,
  bytes: Uint8Array,
  expected: { identity?: FileIdentity; bytes: Uint8Array },
  fail: Fail,
): void {
  const { stats, identity } = checkReplaceable(directory, name, expected, fail);
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
 * hard links, extended attributes or an ACL. vos-audit's writers of one file take turns (see acquireLock).
 */
export async function writeAtomically(
  path: string,
  bytes: Uint8Array,
  original: Uint8Array,
  location: ReadOrigin | PathLike = path,
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
    const lock = await acquireLock(directory, name, fail);
    try {
      replaceLocked(directory, name, bytes, { identity, bytes: original }, fail);
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
    for (const [i, write] of writes.entries()) {
      // Signals are delivered only when the event loop runs: give it a turn between two files.
      await new Promise(setImmediate);
      if (stopSignal !== undefined) break;
      try {
        await writeAtomically(write.path, write.bytes, write.original, write.location);
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
