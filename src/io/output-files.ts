import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeIoError } from './errors.ts';
import { HeldDirectory, replaceInDirectory } from './held-directory.ts';
import { describeFileType, shownPath } from './read.ts';

/** A directory below the output directory that files are written to, with what is written into it. */
interface Target {
  /** Its names below the output directory: `['pol']`. */
  names: string[];
  files: Map<string, string>;
  /** The names of the directories below it that files are written to. */
  directories: Set<string>;
}

/** Files by the directory they go in (`''` for the output directory itself), with the directories on the way. */
function targetsOf(files: ReadonlyMap<string, string>): Map<string, Target> {
  const targets = new Map<string, Target>();
  const target = (names: string[]) => {
    const key = names.join('/');
    let found = targets.get(key);
    if (found === undefined) {
      found = { names, files: new Map(), directories: new Set() };
      targets.set(key, found);
      if (names.length > 0) target(names.slice(0, -1)).directories.add(names.at(-1)!);
    }
    return found;
  };
  for (const [path, text] of files) {
    const names = path.split('/');
    target(names.slice(0, -1)).files.set(names.at(-1)!, text);
  }
  return targets;
}

/** How many names a message lists before it counts the rest. */
const namesShown = 10;

function listed(names: string[]): string {
  const more = names.length - namesShown;
  return names.slice(0, namesShown).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/**
 * Walks down from the output directory to a target, not following a symbolic link on the way: each directory is
 * opened through its parent, held open, refusing a link. `undefined` when a directory on the way does not exist yet.
 */
function holdTarget(root: HeldDirectory, names: readonly string[], create: boolean): HeldDirectory | undefined {
  let held = root;
  try {
    for (const name of names) {
      const stats = lstatSync(held.at(name), { throwIfNoEntry: false });
      if (stats?.isSymbolicLink()) throw Object.assign(new Error('a symbolic link'), { code: 'ELOOP' });
      if (stats === undefined && !create) {
        if (held !== root) held.close();
        return undefined;
      }
      if (stats === undefined) mkdirSync(held.at(name));
      const child = held.openChild(name);
      if (held !== root) held.close();
      held = child;
    }
  } catch (error) {
    if (held !== root) held.close();
    throw error;
  }
  return held;
}

/** What in a target this run would not replace with a regular file of its own: one problem a kind. */
function targetProblems(directory: string, target: Target, held: HeldDirectory): string[] {
  const shown = join(directory, ...target.names);
  const problems: string[] = [];
  const foreign: string[] = [];
  const irregular: string[] = [];
  for (const entry of held.entries()) {
    const name = Buffer.from(entry.toString('utf8')).equals(entry) ? entry.toString('utf8') : undefined;
    if (name !== undefined && target.files.has(name)) {
      const stats = lstatSync(held.at(entry));
      if (!stats.isFile())
        irregular.push(`${name} (${stats.isSymbolicLink() ? 'a symbolic link' : describeFileType(stats)})`);
    } else if ((name === undefined || !target.directories.has(name)) && target.names.length > 0) {
      foreign.push(shownPath(entry));
    }
  }
  if (foreign.length > 0)
    problems.push(
      `${shown} holds files this run does not write, ` +
        `which would be read with the ones it writes: ${listed(foreign.sort())}; remove them, or give an empty directory`,
    );
  if (irregular.length > 0)
    problems.push(`${shown} holds, where this run writes regular files, ${listed(irregular.sort())}; remove them`);
  return problems;
}

/** Everything that stops the files from being written, found before any is. */
function check(directory: string, root: HeldDirectory, targets: Iterable<Target>): string[] {
  const problems: string[] = [];
  for (const target of targets) {
    let held: HeldDirectory | undefined;
    try {
      held = holdTarget(root, target.names, false);
    } catch (error) {
      problems.push(`${join(directory, ...target.names)}: ${notADirectory(error)}`);
      continue;
    }
    if (held === undefined) continue;
    try {
      problems.push(...targetProblems(directory, target, held));
    } finally {
      if (held !== root) held.close();
    }
  }
  return problems;
}

function notADirectory(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'is a symbolic link; vos-audit writes only into directories, never through a link';
  if (code === 'ENOTDIR') return 'is not a directory';
  return describeIoError(error);
}

/**
 * Writes generated files (paths relative to `directory`, which is created when missing: `pol/m1.pol`). Every
 * directory below it and every file is reached through its parent held open, never through a symbolic link, and
 * each file is written to a new temporary file and renamed over the old one, so that nothing already there is
 * written through. Refused before anything is written: a directory on the way that is a link or not a directory,
 * a name to write that holds anything but a regular file, and anything in a directory below `directory` written
 * to that this run does not write (a stale or planted policy that would be read with the new ones). Returns one
 * line for each problem.
 */
export function writeOutputFiles(directory: string, files: ReadonlyMap<string, string>): string[] {
  let root: HeldDirectory;
  try {
    mkdirSync(directory, { recursive: true });
    root = HeldDirectory.open(directory);
  } catch (error) {
    return [`${directory}: cannot write to it: ${describeIoError(error)}`];
  }
  try {
    const targets = [...targetsOf(files).values()];
    const problems = check(directory, root, targets);
    if (problems.length > 0) return problems;
    for (const target of targets) problems.push(...writeTarget(directory, root, target));
    return problems;
  } finally {
    root.close();
  }
}

function writeTarget(directory: string, root: HeldDirectory, target: Target): string[] {
  let held: HeldDirectory;
  try {
    held = holdTarget(root, target.names, true)!;
  } catch (error) {
    return [`${join(directory, ...target.names)}: ${notADirectory(error)}; not written`];
  }
  const problems: string[] = [];
  try {
    for (const [name, text] of target.files) {
      try {
        replaceInDirectory(held, Buffer.from(name), Buffer.from(text), { mode: 0o666 });
      } catch (error) {
        problems.push(`${join(directory, ...target.names, name)}: not written: ${describeIoError(error)}`);
      }
    }
  } finally {
    if (held !== root) held.close();
  }
  return problems;
}
