import { spawnSync } from 'node:child_process';
import { closeSync, constants, fstatSync, type PathLike } from 'node:fs';
import { identityOf } from './held-directory.ts';
import { openRegularFile } from './read.ts';
import type { FileIdentity } from '../syntax/source.ts';

/** The files one getfattr is given at most: each is one descriptor open here, one in the child and one argument. */
const filesPerCall = 256;

/** The first descriptor of a child after its standard input, output and error. */
const firstPassed = 3;

/**
 * The extended attributes of open files, ACLs included (system.posix_acl_*), which a rewritten file would not have;
 * the SELinux label, which a new file gets from the policy, aside. By descriptor: each file a getfattr run listed,
 * with none when it has none; a file whose run failed to start or to finish is not in the map, as it is not known.
 * Node.js cannot list them itself: getfattr (the attr package) reads them through the descriptors it is passed,
 * whatever the files' names, up to `filesPerCall` files a process. Without getfattr they cannot be known.
 */
export function extendedAttributes(fds: readonly number[]): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (let start = 0; start < fds.length; start += filesPerCall) {
    const passed = fds.slice(start, start + filesPerCall);
    const listing = spawnSync(
      'getfattr',
      ['--absolute-names', '--match=-', '--', ...passed.map((_, i) => `/dev/fd/${firstPassed + i}`)],
      { stdio: ['ignore', 'pipe', 'ignore', ...passed], encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 },
    );
    // A file getfattr cannot read makes it exit 1, and the others are still listed; without it, none is known.
    if (listing.error !== undefined) continue;
    for (const fd of passed) found.set(fd, []);
    let file: number | undefined;
    for (const line of listing.stdout.split('\n')) {
      const header = /^# file: \/dev\/fd\/([0-9]+)$/.exec(line);
      if (header !== null) file = passed[Number(header[1]) - firstPassed];
      else if (file !== undefined && line !== '' && !line.startsWith('#') && line !== 'security.selinux')
        found.get(file)!.push(line);
    }
  }
  return found;
}

const key = (identity: FileIdentity) => `${identity.device}:${identity.inode}`;

/**
 * The extended attributes of the files about to be written, listed before the first write in one getfattr run for
 * every `filesPerCall` files, instead of one run per file (a process costs more than the rest of a file's write).
 * A file is known by its device and inode: one not listed (replaced since, or not openable then) is asked about on
 * its own when it is written. Attributes given to a listed file while the others are being written are not seen.
 */
export class AttributeIndex {
  private constructor(private readonly byFile: ReadonlyMap<string, string[]>) {}

  /** Lists the attributes of the files at these paths, never through a symbolic link; a file it cannot open is left out. */
  static of(paths: readonly PathLike[]): AttributeIndex {
    const byFile = new Map<string, string[]>();
    for (let start = 0; start < paths.length; start += filesPerCall) {
      const opened: Array<{ fd: number; identity: FileIdentity }> = [];
      try {
        for (const path of paths.slice(start, start + filesPerCall)) {
          try {
            const { fd } = openRegularFile(path, constants.O_NOFOLLOW);
            opened.push({ fd, identity: identityOf(fstatSync(fd, { bigint: true })) });
          } catch {
            // Checked on its own when it is written, which says why it cannot be.
          }
        }
        const listed = extendedAttributes(opened.map((file) => file.fd));
        // A file the run did not list (getfattr did not start, or ran out of buffer) is asked about when written.
        for (const file of opened) {
          const attributes = listed.get(file.fd);
          if (attributes !== undefined) byFile.set(key(file.identity), attributes);
        }
      } finally {
        for (const file of opened) closeSync(file.fd);
      }
    }
    return new AttributeIndex(byFile);
  }

  /** No file listed: each is asked about when it is written. */
  static readonly none = new AttributeIndex(new Map());

  /** The attributes of the file open as `fd`: as listed, when it was, else asked of getfattr now. */
  attributesOf(fd: number, identity: FileIdentity): string[] {
    return this.byFile.get(key(identity)) ?? extendedAttributes([fd]).get(fd) ?? [];
  }
}
