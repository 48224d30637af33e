import { closeSync, constants, fstatSync, lstatSync, openSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { describeIoError } from './errors.ts';
import { HeldDirectory, identityOf, sameFile } from './held-directory.ts';
import { openRegularFile, readBounded, shownPath } from './read.ts';
import type { Fail } from './write-refusal.ts';

/** How long a write waits for another vos-audit run to finish writing the same file. */
export const lockWaitMs = 10_000;
const lockPollMs = 20;

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

export interface Lock {
  release(): void;
}

/**
 * Serialises vos-audit's writers of one file: a lock file beside it, created exclusively, holding "PID HOST". A
 * second writer waits for the first to finish, then finds the file changed since it read it and writes nothing.
 * A lock is removed only by its holder, and only if it is still the one it created. `stopped` names the signal, if
 * any, that asked the run to stop while it waits.
 */
export async function acquireLock(
  directory: HeldDirectory,
  name: Buffer,
  fail: Fail,
  stopped: () => NodeJS.Signals | undefined,
): Promise<Lock> {
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
      const signal = stopped();
      if (signal !== undefined)
        return fail(`stopped by ${signal} while waiting for another vos-audit run to finish writing it`);
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
