import { readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describeIoError, UserError } from './errors.ts';
import { kindByName, knownNamesText } from '../languages/registry.ts';
import { standardInput } from './read.ts';

export interface DiscoveredFile {
  path: string;
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
  path: string;
  known: string[];
  children: Directory[];
  /** It is a module root by itself (see holdsModule). */
  isModule: boolean;
}

const skippedDirectories = new Set(['.git', 'node_modules']);

/** More files than this in one run is a mistaken path (a whole disk), not a set of modules: stop and say so. */
export const maxFiles = 20_000;

function isKnownFile(entry: Dirent): boolean {
  return (entry.isFile() || entry.isSymbolicLink()) && kindByName(entry.name) !== undefined;
}

/**
 * A directory is a module by itself when it holds a known file or has a VOS-like `system` directory ([D]); the
 * walk down the tree and the walk up from a file (--expand-modules) both ask this.
 */
function holdsModule(entries: readonly Dirent[]): boolean {
  return entries.some((entry) => isKnownFile(entry) || (entry.isDirectory() && entry.name.toLowerCase() === 'system'));
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Symbolic links to directories are not followed, as git does not: it keeps the walk finite. */
function readTree(path: string, count = { files: 0, root: path }): Directory {
  let entries: Dirent[];
  try {
    entries = readdirSync(path, { withFileTypes: true }).sort(byName);
  } catch (error) {
    throw new UserError(`cannot read directory ${path}: ${describeIoError(error)}`);
  }
  const directory: Directory = { path, known: [], children: [], isModule: holdsModule(entries) };
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory() && !skippedDirectories.has(entry.name)) {
      directory.children.push(readTree(child, count));
    } else if (isKnownFile(entry)) {
      if (++count.files > maxFiles) {
        throw new UserError(`more than ${maxFiles.toLocaleString('en')} configuration files below ${relative(process.cwd(), count.root) || '.'}; name the module directories to audit`);
      }
      directory.known.push(child);
    }
  }
  return directory;
}

function allKnown(directory: Directory): string[] {
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
  for (let parent = dirname(module); module !== resolve(top) && parent !== module && isModuleRoot(parent); parent = dirname(parent)) {
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
      return statSync(resolve(cwd, path)).isDirectory() ? path : relative(cwd, moduleOf(path, cwd)) || '.';
    } catch {
      return path;
    }
  });
  return [...new Set(expanded)];
}

/**
 * Expands the command line's paths into modules: each directory's modules, and the files named, together. A module
 * or file given twice (`m1 m1`, `m1 m1/inetd.conf`, `- -`) is audited once, in its module.
 */
export function discoverModules(paths: readonly string[], cwd = process.cwd()): DiscoveredModule[] {
  const modules: DiscoveredModule[] = [];
  let named: DiscoveredFile[] = [];
  const directories = new Set<string>();
  let namedAt = -1;
  const show = (path: string) => relative(cwd, path) || '.';
  for (const given of paths.length > 0 ? paths : ['.']) {
    let isDirectory: boolean;
    try {
      isDirectory = given !== standardInput && statSync(resolve(cwd, given)).isDirectory();
    } catch (error) {
      throw new UserError(`cannot read ${given}: ${describeIoError(error)}`);
    }
    if (!isDirectory) {
      if (named.length === 0) namedAt = modules.length;
      named.push({ path: given, explicit: true });
      continue;
    }
    const found = modulesIn(readTree(resolve(cwd, given)));
    if (found.length === 0) throw new UserError(`no configuration files found in ${given} (looked for files named ${knownNamesText})`);
    for (const module of found) {
      if (directories.has(module.path)) continue;
      directories.add(module.path);
      modules.push({ name: show(module.path), directory: module.path, files: allKnown(module).map((path) => ({ path: show(path), explicit: false })) });
    }
  }
  const seen = new Set(modules.flatMap((module) => module.files.map((file) => resolve(cwd, file.path))));
  named = named.filter((file) => {
    const path = resolve(cwd, file.path);
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  });
  if (named.length > 0) {
    const parents = new Set(named.map((file) => dirname(resolve(cwd, file.path))));
    const [first] = parents;
    modules.splice(namedAt, 0, { name: parents.size === 1 ? show(first!) : 'files named on the command line', directory: parents.size === 1 ? first! : cwd, files: named });
  }
  return modules;
}
