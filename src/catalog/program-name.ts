/**
 * The name a program is known by: the last component of a VOS (`>`) or POSIX (`/`) path, past any
 * `(master_disk)` or `%sys#disk` prefix, lower-cased, without `.pm`. `>system>stcp>command_library>TFTPD.pm` → `tftpd`.
 */
export function programName(path: string): string {
  const last = path.slice(Math.max(path.lastIndexOf('>'), path.lastIndexOf('/'), path.lastIndexOf(')')) + 1);
  return last.toLowerCase().replace(/\.pm$/, '');
}
