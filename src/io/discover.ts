import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describeIoError, UserError } from '../errors.ts';

/** File names vos-audit knows; matched case-insensitively, as VOS names are. */
const knownNames = new Set(['inetd.conf']);
const skippedDirectories = new Set(['.git', 'node_modules']);

export function isKnownName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return knownNames.has(name);
}

export interface Discovered {
  path: string;
  /** Named on the command line rather than found in a directory: its kind may have to be guessed from content. */
  explicit: boolean;
}

function walk(directory: string, found: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new UserError(`cannot read directory ${directory}: ${describeIoError(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    // Symbolic links to directories are not followed, as git does not: it keeps the walk finite.
    if (entry.isDirectory() && !skippedDirectories.has(entry.name)) walk(path, found);
    else if ((entry.isFile() || entry.isSymbolicLink()) && isKnownName(entry.name)) found.push(path);
  }
}

/** Expands the command line's paths: files as named, directories to the known files below them. */
export function discover(paths: readonly string[], cwd = process.cwd()): Discovered[] {
  const files: Discovered[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(resolve(cwd, given)).isDirectory();
    } catch (error) {
      throw new UserError(`cannot read ${given}: ${describeIoError(error)}`);
    }
    if (!isDirectory) {
      files.push({ path: given, explicit: true });
      continue;
    }
    const found: string[] = [];
    walk(resolve(cwd, given), found);
    if (found.length === 0) {
      throw new UserError(`no configuration files found in ${given} (looked for files named ${[...knownNames].join(', ')})`);
    }
    for (const path of found) files.push({ path: relative(cwd, path) || path, explicit: false });
  }
  return files;
}
