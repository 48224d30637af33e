/**
 * The last component of a VOS (`>`, and `<` for the parent directory) or POSIX (`/`) path, past any `(master_disk)`
 * or `%sys#disk` prefix.
 */
export function lastPathComponent(path: string): string {
  const separator = Math.max(
    path.lastIndexOf('>'),
    path.lastIndexOf('<'),
    path.lastIndexOf('/'),
    path.lastIndexOf(')'),
  );
  return path.slice(separator + 1);
}

/** The name a program is known by: `>system>stcp>command_library>TFTPD.pm` → `tftpd`. */
export function programName(path: string): string {
  return lastPathComponent(path).toLowerCase().replace(/\.pm$/, '');
}
