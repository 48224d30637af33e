/** A mistake in how vos-audit was called, or a file it cannot read or write: one line on stderr, exit code 2. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Node's error codes, in the words a user reads. */
const reasons: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EBUSY: 'resource busy',
  EXDEV: 'cannot rename across devices',
  ENAMETOOLONG: 'file name too long',
  ENXIO: 'no such device or address',
};

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && reasons[code] !== undefined) return reasons[code];
  return error instanceof Error ? error.message : String(error);
}
