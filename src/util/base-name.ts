/** A path's last component, lower-cased: a file's name as VOS compares names (case-insensitively). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}
