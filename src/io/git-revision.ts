import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from './errors.ts';
import { maxFileBytes } from './read.ts';
import { kindByName } from '../languages/registry.ts';

/**
 * The files of a repository at a revision, written out of git into a private temporary directory so that
 * discovery, the size limits and the inside-the-tree rules read them with exactly the code that reads a work tree:
 * a second, in-memory file system would be a second implementation of every one of those rules.
 */
export interface RevisionTree {
  /** The revision as the user wrote it (`origin/main`), for messages. */
  revision: string;
  /** The commit it names. */
  commit: string;
  /** The work tree's top directory, as git gives it. */
  top: string;
  /** The temporary directory that stands for `top` at the revision. */
  root: string;
  /** The working directory's counterpart in `root`, where the paths as given lead to their files at the revision. */
  cwd: string;
  /** The paths given, as they reach the revision's files from `cwd`. */
  paths: string[];
  /** Removes the temporary directory. */
  remove(): void;
}

/** A tree listing larger than this is not a repository of module configuration. */
export const maxTreeEntries = 200_000;

/** What all the files read at a revision may add up to. */
export const maxRevisionBytes = 1024 * 1024 * 1024;

/** The name of the configuration file every module may have, read at the revision too. */
const configName = '.vos-audit.json';

function git(args: string[], cwd: string, input?: string, maxBuffer = 64 * 1024 * 1024) {
  const result = spawnSync('git', args, { cwd, input, maxBuffer });
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('--baseline needs git, which is not installed (or not on PATH)');
    throw new UserError(`git ${args[0]} failed: ${result.error.message}`);
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

const onRevisionOnly = 'or compare two directories without git: vos-audit diff OLD NEW';

/** The real path of a path whose last names need not exist (a module deleted since the revision). */
function realPathOf(path: string): string {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(realpathSync.native(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return path;
      missing.push(basename(at));
    }
  }
}

/** The work tree's top directory that holds the first path, from git. */
function workTop(path: string, shown: string): string {
  let at = path;
  while (!existsSync(at) || !statSync(at).isDirectory()) at = dirname(at);
  const top = git(['rev-parse', '--show-toplevel'], at);
  if (!top.ok || top.stdout.length === 0)
    throw new UserError(
      `${shown} is not in a git repository: --baseline reads the baseline through git; run it in a clone, ${onRevisionOnly}`,
    );
  return realPathOf(top.stdout.toString('utf8').trimEnd());
}

/** Where a path is from the top, or undefined when it is outside. */
function fromTop(path: string, top: string): string | undefined {
  const below = relative(top, path);
  return below === '..' || below.startsWith(`..${sep}`) || isAbsolute(below) ? undefined : below;
}

/** The commit a revision names, or a one-line reason it names none here. */
function resolveCommit(revision: string, top: string): string {
  if (revision.startsWith('-') || revision === '')
    throw new UserError(
      `'${revision}' is not a revision; expected a commit, branch or tag such as HEAD~1 or origin/main`,
    );
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], top);
  if (commit.ok) return commit.stdout.toString('utf8').trim();
  const shallow = git(['rev-parse', '--is-shallow-repository'], top).stdout.toString('utf8').trim() === 'true';
  if (shallow)
    throw new UserError(
      `${revision} is not in this shallow clone of ${top}: fetch the history with \`git fetch --unshallow\`, ` +
        onRevisionOnly,
    );
  throw new UserError(
    `${revision} names no commit in the repository at ${top}: expected a commit, branch or tag such as HEAD~1 or origin/main`,
  );
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number;
  /** Relative to the top, as bytes (a name need not be UTF-8). */
  path: Buffer;
}

/** `git ls-tree -r -t -l -z`: every tree and file of the commit, with sizes. */
function listTree(commit: string, top: string): TreeEntry[] {
  const listed = git(['ls-tree', '-r', '-t', '-l', '-z', '--full-tree', commit], top, undefined, 512 * 1024 * 1024);
  if (!listed.ok) throw new UserError(`cannot list the files of ${commit} in ${top}: ${listed.stderr}`);
  const entries: TreeEntry[] = [];
  for (let at = 0; at < listed.stdout.length;) {
    const end = listed.stdout.indexOf(0, at);
    const record = listed.stdout.subarray(at, end === -1 ? undefined : end);
    at = end === -1 ? listed.stdout.length : end + 1;
    const tab = record.indexOf(9);
    const [mode, type, oid, size] = record.subarray(0, tab).toString('latin1').split(/ +/);
    entries.push({ mode: mode!, type: type!, oid: oid!, size: Number(size), path: record.subarray(tab + 1) });
    if (entries.length > maxTreeEntries)
      throw new UserError(
        `more than ${maxTreeEntries.toLocaleString('en')} entries in ${commit}'s tree; --baseline reads repositories ` +
          `of module configuration (${onRevisionOnly})`,
      );
  }
  return entries;
}

const isLink = (entry: TreeEntry) => entry.mode === '120000';

/** Whether discovery or a configuration lookup may open the file: a known name, a configuration, a path given. */
function wanted(entry: TreeEntry, named: ReadonlySet<string | undefined>): boolean {
  const name = basename(entry.path.toString('latin1'));
  return (
    isLink(entry) ||
    kindByName(Buffer.from(name, 'latin1').toString('utf8')) !== undefined ||
    name === configName ||
    named.has(entry.path.toString('latin1'))
  );
}

/** The files a link in the tree leads to, followed by name through the tree (a file anywhere may be its target). */
function linkTargets(files: Map<string, TreeEntry>, chosen: Set<string>, contents: Map<string, Buffer>): string[] {
  const added: string[] = [];
  for (const key of chosen) {
    const entry = files.get(key)!;
    if (!isLink(entry)) continue;
    const target = contents.get(entry.oid)!.toString('latin1');
    if (isAbsolute(target)) continue;
    const path = join(dirname(key), target);
    if (files.has(path) && !chosen.has(path)) added.push(path);
  }
  return added;
}

/** Reads blobs with one `git cat-file --batch` process: each answer is `<oid> blob <size>\n<bytes>\n`. */
function readBlobs(oids: readonly string[], top: string, total: number): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (oids.length === 0) return blobs;
  const batch = git(['cat-file', '--batch'], top, `${oids.join('\n')}\n`, total + oids.length * 64 + 1024);
  if (!batch.ok) throw new UserError(`cannot read files out of git in ${top}: ${batch.stderr}`);
  const out = batch.stdout;
  for (let at = 0; at < out.length;) {
    const lineEnd = out.indexOf(10, at);
    const [oid, type, size] = out.subarray(at, lineEnd).toString('latin1').split(' ');
    if (type === 'missing' || size === undefined)
      throw new UserError(`git has no object ${oid} in ${top}: the clone is incomplete (\`git fetch --unshallow\`)`);
    const start = lineEnd + 1;
    blobs.set(oid!, out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

/** A path of the tree in the temporary directory, as bytes. */
const inRoot = (root: string, path: Buffer) => Buffer.concat([Buffer.from(`${root}/`), path]);

function writeFile(location: Buffer, entry: TreeEntry, bytes: Buffer | undefined): void {
  if (isLink(entry)) {
    symlinkSync(bytes!, location);
    return;
  }
  const fd = openSync(location, 'wx', entry.mode === '100755' ? 0o755 : 0o644);
  try {
    // A file over the size limit is not read out of git: its size alone gets it refused, as on disk.
    if (bytes === undefined) ftruncateSync(fd, entry.size);
    else for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  } finally {
    closeSync(fd);
  }
}

/** A path given, as it leads to its file at the revision: as given from the working directory's counterpart. */
function pathAtRevision(given: string, cwd: string, top: string, root: string, cwdInside: boolean): string {
  const below = fromTop(realPathOf(resolve(cwd, given)), top);
  if (below === undefined)
    throw new UserError(
      `${given} is outside the work tree of the repository at ${top}: --baseline reads the files of one repository; name paths inside it, ${onRevisionOnly}`,
    );
  return isAbsolute(given) || !cwdInside ? join(root, below) : given;
}

/**
 * Writes out the files of `revision` that reading the paths may open: the files of known names and the
 * configurations of the whole tree, the files named, and what the links among them lead to. The caller removes it.
 */
export function checkoutRevision(revision: string, paths: readonly string[], cwd = process.cwd()): RevisionTree {
  const given = paths.length > 0 ? paths : ['.'];
  const top = workTop(resolve(cwd, given[0]!), given[0]!);
  const cwdFromTop = fromTop(realPathOf(resolve(cwd)), top);
  const commit = resolveCommit(revision, top);
  const entries = listTree(commit, top);
  const root = mkdtempSync(join(tmpdir(), `vos-audit-baseline-${process.pid}-`));
  try {
    const mapped = given.map((path) => pathAtRevision(path, cwd, top, root, cwdFromTop !== undefined));
    const named = new Set(given.map((path) => fromTop(realPathOf(resolve(cwd, path)), top)));
    const files = new Map<string, TreeEntry>();
    for (const entry of entries) {
      if (entry.type === 'tree') mkdirSync(inRoot(root, entry.path), { recursive: true });
      else if (entry.type === 'blob') files.set(entry.path.toString('latin1'), entry);
    }
    const chosen = new Set(
      [...files.values()].filter((entry) => wanted(entry, named)).map((e) => e.path.toString('latin1')),
    );
    const readable = (entry: TreeEntry) => isLink(entry) || entry.size <= maxFileBytes;
    const sizes = new Map([...files.values()].map((entry) => [entry.oid, entry.size]));
    const contents = new Map<string, Buffer>();
    let total = 0;
    for (let batch = [...chosen]; batch.length > 0;) {
      const oids = [
        ...new Set(
          batch
            .map((key) => files.get(key)!)
            .filter(readable)
            .map((entry) => entry.oid),
        ),
      ].filter((oid) => !contents.has(oid));
      total += oids.reduce((sum, oid) => sum + sizes.get(oid)!, 0);
      if (total > maxRevisionBytes)
        throw new UserError(`the files to read at ${revision} add up to more than 1 GB; name the module directories`);
      for (const [oid, bytes] of readBlobs(oids, top, total)) contents.set(oid, bytes);
      batch = linkTargets(files, chosen, contents);
      for (const key of batch) chosen.add(key);
    }
    for (const key of chosen) {
      const entry = files.get(key)!;
      writeFile(inRoot(root, entry.path), entry, readable(entry) ? contents.get(entry.oid) : undefined);
    }
    const rootCwd = cwdFromTop === undefined ? root : join(root, cwdFromTop);
    mkdirSync(rootCwd, { recursive: true });
    chmodSync(root, 0o700);
    return {
      revision,
      commit,
      top,
      root,
      cwd: rootCwd,
      paths: mapped,
      remove: () => rmSync(root, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The files renamed between the revision and the work tree, as git finds them (`git diff --find-renames`): old path
 * to new path, both from the top.
 */
export function renamedSince(tree: Pick<RevisionTree, 'commit' | 'top'>): Map<string, string> {
  const diff = git(['diff', '--find-renames', '--name-status', '-z', tree.commit, '--'], tree.top);
  if (!diff.ok) throw new UserError(`cannot compare ${tree.commit} with the work tree in ${tree.top}: ${diff.stderr}`);
  const fields = diff.stdout.toString('utf8').split('\0');
  const renames = new Map<string, string>();
  for (let at = 0; at < fields.length - 1;) {
    const status = fields[at]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      if (status.startsWith('R')) renames.set(fields[at + 1]!, fields[at + 2]!);
      at += 3;
    } else at += 2;
  }
  return renames;
}
