import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describeIoError, UserError } from './errors.ts';
import { kindByName, knownNamesText } from '../languages/registry.ts';
import { shownPath, standardInput, type FileToRead } from './read.ts';

export interface DiscoveredFile extends FileToRead {
  /** Named on the command line rather than found in a directory: its kind may have to be read from its content. */
  explicit: boolean;
}

/** The files of one module: a directory, or the files named together on the command line. */
export interface DiscoveredModule {
  name: string;
  /** Where its configuration is looked for: the module's directory, or the named files' common directory. */
  directory: string;
  files: DiscoveredFile[];
}

interface Directory {
  /** As shown: the path as the user gave it, with the names below it (see shownBelow). */
  shown: string;
  /** The same, absolute: where its configuration is looked for. */
  path: string;
  /** Where it is: the given directory's real path with the names below it, as bytes (a name need not be UTF-8). */
  location: Buffer;
  known: Array<{ shown: string; location: Buffer }>;
  children: Directory[];
  /** It is a module root by itself (see holdsModule). */
  isModule: boolean;
}

const skippedDirectories = new Set(['.git', 'node_modules']);

/** More files than this in one run is a mistaken path (a whole disk), not a set of modules: stop and say so. */
export const maxFiles = 20_000;

/** What the walks of one run share: the files counted so far, the directories walked, the problems met. */
interface Walk {
  maxFiles: number;
  files: number;
  /** Real paths (as latin1 text) of the directories given that were walked, so that none is walked twice. */
  walked: Set<string>;
  problems: string[];
}

type Entry = Dirent<Buffer> & { shown: string };

/** A file of a known name, whatever its type: a FIFO or device of such a name is named and refused when read. */
function isKnownFile(entry: Dirent<Buffer | string>, name: string): boolean {
  return !entry.isDirectory() && kindByName(name) !== undefined;
}

/**
 * A directory is a module by itself when it holds a known file or has a VOS-like `system` directory ([D]); the
 * walk down the tree and the walk up from a file (--expand-modules) both ask this.
 */
function holdsModule(entries: ReadonlyArray<Dirent<Buffer | string> & { shown?: string }>): boolean {
  return entries.some((entry) => {
    const name = entry.shown ?? String(entry.name);
    return isKnownFile(entry, name) || (entry.isDirectory() && name.toLowerCase() === 'system');
  });
}

const slash = Buffer.from('/');

function childOf(location: Buffer, name: Buffer): Buffer {
  return Buffer.concat([location, slash, name]);
}

/** A directory's entries by name, as bytes, so that a name in any encoding can be opened again. */
function entriesOf(location: Buffer): Entry[] {
  const entries = readdirSync(location, { withFileTypes: true, encoding: 'buffer' }) as Entry[];
  for (const entry of entries) entry.shown = shownPath(entry.name);
  return entries.sort((a, b) => Buffer.compare(a.name, b.name));
}

/**
 * Symbolic links to directories are not followed, as git does not: it keeps the walk finite. A directory that
 * cannot be read is one problem of the run, not the end of it: it is named and the rest is walked.
 */
function readTree(directory: Pick<Directory, 'shown' | 'path' | 'location'>, walk: Walk, root: string): Directory {
  const { shown, path, location } = directory;
  const tree: Directory = { shown, path, location, known: [], children: [], isModule: false };
  let entries: Entry[];
  try {
    entries = entriesOf(location);
  } catch (error) {
    walk.problems.push(`cannot read directory ${shown || '.'}: ${describeIoError(error)}`);
    return tree;
  }
  tree.isModule = holdsModule(entries);
  for (const entry of entries) {
    const child = {
      shown: shownBelow(shown, entry.shown),
      path: join(path, entry.shown),
      location: childOf(location, entry.name),
    };
    if (entry.isDirectory() && !skippedDirectories.has(entry.shown)) {
      tree.children.push(readTree(child, walk, root));
    } else if (isKnownFile(entry, entry.shown)) {
      if (++walk.files > walk.maxFiles) {
        throw new UserError(
          `more than ${walk.maxFiles.toLocaleString('en')} configuration files in the paths given (the limit ` +
            `was reached below ${root}); name the module directories to audit`,
        );
      }
      tree.known.push(child);
    }
  }
  return tree;
}

/**
 * A name found below a directory, spelt as the user gave the directory (`/etc/../tmp/m1/inetd.conf`, `m1/inetd.conf`
 * for `m1/`), never normalised or made relative: the report names the files the user can find from where they
 * are. Below `.` (the default) names are relative, without `./`.
 */
function shownBelow(directory: string, name: string): string {
  if (directory === '') return name;
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/** What a directory given is shown as: itself, but `.` is the empty prefix of the names below it. */
function shownRoot(given: string): string {
  return given === '.' ? '' : given;
}

function allKnown(directory: Directory): Directory['known'] {
  return [...directory.known, ...directory.children.flatMap(allKnown)];
}

/** The module roots in a tree: a directory that is one, else those below it (`modules/m1/…`, `modules/m2/…`). */
function modulesIn(directory: Directory): Directory[] {
  if (directory.isModule) return [directory];
  return directory.children.flatMap(modulesIn);
}

function isModuleRoot(path: string): boolean {
  try {
    return holdsModule(readdirSync(path, { withFileTypes: true }));
  } catch {
    return false;
  }
}

/**
 * The module a file belongs to: the highest directory above it, up to `top`, that is a module root with every
 * directory between ([D]: `m1/system/stcp/inetd.conf` belongs to `m1`, since `m1` has a `system` directory).
 */
export function moduleOf(file: string, top: string): string {
  let module = dirname(resolve(top, file));
  for (
    let parent = dirname(module);
    module !== resolve(top) && parent !== module && isModuleRoot(parent);
    parent = dirname(parent)
  ) {
    if (relative(resolve(top), parent).startsWith('..')) break;
    module = parent;
  }
  return module;
}

/**
 * With `expand`, a file named on the command line stands for its whole module (as the pre-commit hooks need: one
 * staged file, the whole module checked).
 */
export function expandToModules(paths: readonly string[], cwd = process.cwd()): string[] {
  const expanded = paths.map((path) => {
    try {
      return statSync(resolve(cwd, path)).isDirectory() ? path : ancestorAsGiven(path, moduleOf(path, cwd), cwd);
    } catch {
      return path;
    }
  });
  return [...new Set(expanded)];
}

/** The directory `module`, an ancestor of `file`, spelt as `file` was: `m1/system/stcp/inetd.conf` gives `m1`. */
function ancestorAsGiven(file: string, module: string, cwd: string): string {
  for (let shown = dirname(file); ; shown = dirname(shown)) {
    if (resolve(cwd, shown) === module) return shown;
    if (dirname(shown) === shown) return relative(cwd, module) || '.';
  }
}

/** A key that is the same for every path to one file: its directory's real path and its name, as bytes. */
function realKey(path: string): string {
  try {
    return childOf(realpathSync.native(dirname(path), { encoding: 'buffer' }), Buffer.from(basename(path))).toString(
      'latin1',
    );
  } catch {
    return path;
  }
}

export interface DiscoverOptions {
  cwd?: string;
  /** Where a directory that cannot be read is named; the walk goes on without it. */
  problems?: string[];
  maxFiles?: number;
}

/**
 * Expands the command line's paths into modules: each directory's modules, and the files named, together. A module
 * or file given twice (`m1 m1`, `m1 m1/inetd.conf`, `- -`, `m1 link-to-m1`) is audited once, in its module; the
 * file limit counts the files of all of them.
 */
export function discoverModules(paths: readonly string[], options: DiscoverOptions = {}): DiscoveredModule[] {
  const { cwd = process.cwd(), problems = [] } = options;
  const walk: Walk = { maxFiles: options.maxFiles ?? maxFiles, files: 0, walked: new Set(), problems };
  const modules: DiscoveredModule[] = [];
  let named: DiscoveredFile[] = [];
  const directories = new Set<string>();
  let namedAt = -1;
  for (const given of paths.length > 0 ? paths : ['.']) {
    let isDirectory: boolean;
    try {
      isDirectory = given !== standardInput && statSync(resolve(cwd, given)).isDirectory();
    } catch (error) {
      throw new UserError(`cannot read ${given}: ${describeIoError(error)}`);
    }
    if (!isDirectory) {
      if (named.length === 0) namedAt = modules.length;
      named.push({ path: given, location: given === standardInput ? given : resolve(cwd, given), explicit: true });
      continue;
    }
    const real = realpathSync.native(resolve(cwd, given), { encoding: 'buffer' });
    if (walk.walked.has(real.toString('latin1'))) continue;
    walk.walked.add(real.toString('latin1'));
    const problemsBefore = problems.length;
    const found = modulesIn(
      readTree({ shown: shownRoot(given), path: resolve(cwd, given), location: real }, walk, given),
    );
    if (found.length === 0 && problems.length === problemsBefore)
      throw new UserError(`no configuration files found in ${given} (looked for files named ${knownNamesText})`);
    for (const module of found) {
      const key = module.location.toString('latin1');
      if (directories.has(key)) continue;
      directories.add(key);
      const files = allKnown(module).map((file) => ({
        path: file.shown,
        location: file.location,
        within: real,
        explicit: false,
      }));
      modules.push({ name: module.shown || '.', directory: module.path, files });
    }
  }
  const seen = new Set(
    modules.flatMap((module) => module.files.map((file) => (file.location as Buffer).toString('latin1'))),
  );
  named = named.filter((file) => {
    const key = file.path === standardInput ? file.path : realKey(resolve(cwd, file.path));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (named.length > 0) {
    const parents = new Set(named.map((file) => dirname(resolve(cwd, file.path))));
    const [first] = parents;
    const name = parents.size === 1 ? dirname(named[0]!.path) : 'files named on the command line';
    modules.splice(namedAt, 0, { name, directory: parents.size === 1 ? first! : cwd, files: named });
  }
  return modules;
}
