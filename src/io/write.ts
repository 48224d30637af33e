import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
  type PathLike,
  type Stats,
} from 'node:fs';
import { hostname, constants as osConstants } from 'node:os';
import { describeIoError, UserError } from './errors.ts';
import { NotReadable, openRegularFile, readBounded, shownPath } from './read.ts';

type Fail = (why: string) => never;

/** How long a write waits for another vos-audit run to finish writing the same file. */
export const lockWaitMs = 10_000;
const lockPollMs = 20;

/** The signal that asked the run to stop, while files are being written. */
let stopSignal: NodeJS.Signals | undefined;

/** A file's directory and name, as bytes, and a file beside it named from its name. */
function besideFile(file: Buffer, name: (base: string) => string): Buffer {
  const slash = file.lastIndexOf('/');
  return Buffer.concat([
    file.subarray(0, slash + 1),
    Buffer.from(name(file.subarray(slash + 1).toString('latin1')), 'latin1'),
  ]);
}

function directoryOf(file: Buffer): Buffer {
  return file.subarray(0, Math.max(file.lastIndexOf('/'), 1));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** What a lock says of its holder, "PID HOST"; nothing when it is gone or unreadable. */
function readLock(lock: Buffer): { pid: number; host: string } {
  let text = '';
  try {
    text = readFileSync(lock, 'latin1');
  } catch {
    // Removed since, or unreadable: the holder is unknown.
  }
  const [pid = '', host = ''] = text.trim().split(' ');
  return { pid: Number(pid), host };
}

/** Who holds a lock, in words, or that its holder has ended (then nobody will remove it but a person). */
function lockHolder(lock: Buffer): { ended: boolean; description: string } {
  const { pid, host } = readLock(lock);
  const shownLock = shownPath(lock);
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
async function acquireLock(target: Buffer, fail: Fail): Promise<Lock> {
  const lock = besideFile(target, (name) => `.${name}.vos-audit.lock`);
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return fail(describeIoError(error));
      const holder = lockHolder(lock);
      if (holder.ended || Date.now() > deadline) return fail(holder.description);
      await sleep(lockPollMs);
      if (stopSignal !== undefined)
        return fail(`stopped by ${stopSignal} while waiting for another vos-audit run to finish writing it`);
      continue;
    }
    writeSync(fd, `${process.pid} ${hostname()}\n`);
    const ours = fstatSync(fd);
    return {
      release() {
        closeSync(fd);
        const now = lstatSync(lock, { throwIfNoEntry: false });
        if (now?.ino === ours.ino && now.dev === ours.dev) rmSync(lock, { force: true });
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
 * What replacing the file would lose or break, refused before anything is written: a read-only file, another
 * program's change since it was read, a file that is no longer a regular file, other hard links, extended
 * attributes or an ACL. Returns the file's status, whose owner, group and mode the new file takes.
 */
function checkReplaceable(target: Buffer, original: Uint8Array, fail: Fail): Stats {
  let opened: { fd: number; stats: Stats };
  try {
    opened = openRegularFile(target, constants.O_NOFOLLOW);
  } catch (error) {
    return fail(error instanceof NotReadable ? `it ${error.message}` : describeIoError(error));
  }
  const { fd, stats } = opened;
  try {
    // A rename would replace even a read-only file; its mode says nobody should, so neither does vos-audit.
    if ((stats.mode & 0o222) === 0) fail('it is read-only');
    if (!readBounded(fd, original.length).equals(original)) fail('it changed on disk since vos-audit read it');
    if (stats.nlink > 1)
      fail(`it has ${stats.nlink} hard links, and replacing it would leave the other names with the old text`);
    const attributes = extendedAttributes(fd);
    if (attributes.length > 0)
      fail(`it has extended attributes or an ACL (${attributes.join(', ')}), which the rewritten file would not keep`);
  } finally {
    closeSync(fd);
  }
  return stats;
}

/** The same bytes as were read, just before the rename: a change since the first check is not overwritten. */
function checkUnchanged(target: Buffer, original: Uint8Array, fail: Fail): void {
  const { fd } = openRegularFile(target, constants.O_NOFOLLOW);
  try {
    if (!readBounded(fd, original.length).equals(original)) fail('it changed on disk while vos-audit was writing it');
  } finally {
    closeSync(fd);
  }
}

/** A temporary file beside the target, created exclusively under a name nobody can predict. */
function createTemporary(target: Buffer): { fd: number; path: Buffer } {
  for (let attempt = 0; ; attempt++) {
    const path = besideFile(target, (name) => `.${name}.vos-audit-${randomBytes(8).toString('hex')}.tmp`);
    try {
      return {
        fd: openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600),
        path,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 3) throw error;
    }
  }
}

/** Writes the bytes with the original's owner, group and mode (in that order: a change of owner clears set-id bits). */
function fillTemporary(fd: number, bytes: Uint8Array, original: Stats): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  const own = fstatSync(fd);
  if (own.uid !== original.uid || own.gid !== original.gid) fchownSync(fd, original.uid, original.gid);
  fchmodSync(fd, original.mode & 0o7777);
  fsyncSync(fd);
}

/** Makes the rename itself durable; a file system that cannot sync a directory has done what it can. */
function syncDirectory(file: Buffer): void {
  try {
    const fd = openSync(directoryOf(file), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Nothing more to do.
  }
}

function replaceLocked(target: Buffer, bytes: Uint8Array, original: Uint8Array, fail: Fail): void {
  const stats = checkReplaceable(target, original, fail);
  let temporary: { fd: number; path: Buffer } | undefined;
  try {
    temporary = createTemporary(target);
    try {
      fillTemporary(temporary.fd, bytes, stats);
    } finally {
      closeSync(temporary.fd);
    }
    checkUnchanged(target, original, fail);
    renameSync(temporary.path, target);
    temporary = undefined;
    syncDirectory(target);
  } catch (error) {
    if (temporary !== undefined) rmSync(temporary.path, { force: true });
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EPERM' && stats.uid !== process.getuid?.()) {
      fail(`it belongs to user ${stats.uid} and group ${stats.gid}, which vos-audit cannot give the rewritten file`);
    }
    fail(describeIoError(error));
  }
}

/**
 * Replaces a file's bytes atomically: a temporary file beside the target, then a rename over it. A symbolic link is
 * written through to its target; the file's owner, group and mode are kept. Refused, leaving the file as it was:
 * a read-only file, one that changed since it was read (checked once more just before the rename), one with other
 * hard links, extended attributes or an ACL. vos-audit's writers of one file take turns (see acquireLock).
 */
export async function writeAtomically(
  path: string,
  bytes: Uint8Array,
  original: Uint8Array,
  location: PathLike = path,
): Promise<void> {
  const fail: Fail = (why) => {
    throw new UserError(`cannot write ${path}: ${why}; the file is unchanged`);
  };
  let target: Buffer;
  try {
    target = realpathSync.native(location, { encoding: 'buffer' });
  } catch (error) {
    return fail(describeIoError(error));
  }
  const lock = await acquireLock(target, fail);
  try {
    replaceLocked(target, bytes, original, fail);
  } finally {
    lock.release();
  }
}

export interface PendingWrite {
  path: string;
  location: PathLike;
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
