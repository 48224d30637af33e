/**
 * The command's entry point: runs the bundled CLI (dist/bundle.js) with V8's code cache, so that the bytecode of an
 * earlier run is read back instead of compiling the bundle and each function as it is first called (what that
 * saves: bench/README.md). The cache is an optimisation only: when it cannot be read, is stale or cannot be
 * written, the bundle is compiled as usual and nothing is said. Before it runs the bundle, it sets V8 up for a
 * short run (src/bin/v8-settings.ts).
 *
 * One file per Node.js version and architecture, in $XDG_CACHE_HOME/vos-audit (else ~/.cache/vos-audit), made by
 * the first run and rewritten when the bundle changes; used only while that directory is the user's and no one
 * else can write it. A cache made by `--version` is kept like any other. VOS_AUDIT_NO_CODE_CACHE=1 turns it off.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { tuneForShortRuns } from './v8-settings.ts';

/** The SHA-256 of dist/bundle.js, put here by scripts/build.mjs. */
declare const BUNDLE_DIGEST: string;

function cacheFile(): string | undefined {
  if (process.env.VOS_AUDIT_NO_CODE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'vos-audit', `code-cache-${process.version}-${process.arch}`);
}

/**
 * What a cache must have been made from. V8 itself checks only the source's length. The digest tells releases
 * apart, though npm gives every file it installs the same time; the file's size and time tell a bundle edited in
 * place.
 */
function bundleKey(bundle: string): string {
  const { size, mtimeMs } = statSync(bundle);
  return `${BUNDLE_DIGEST} ${size} ${mtimeMs}\n`;
}

/**
 * Whether the cache's directory is the user's own, and writable by nobody else. In another user's directory, or
 * one that others can write (mode 777, a shared XDG_CACHE_HOME), anyone could plant bytecode that V8 would run
 * without a check: then there is no cache.
 */
function isPrivateDirectory(directory: string): boolean {
  try {
    const stats = lstatSync(directory);
    return stats.isDirectory() && stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(file: string, key: string): Buffer | undefined {
  if (!isPrivateDirectory(dirname(file))) return undefined;
  try {
    const cache = readFileSync(file);
    return cache.toString('latin1', 0, key.length) === key ? cache.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Written whole or not at all: concurrent runs (a pre-commit hook per repository, hosts sharing a home directory)
 * each create their own temporary file, never one another's, and rename it over the cache. V8 does not checksum a
 * code cache, so two writers in one file could leave bytecode it would run.
 */
function writeCache(file: string, key: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(dirname(file))) return;
    writeFileSync(temporary, Buffer.concat([Buffer.from(key, 'latin1'), data]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch {
    // A read-only or full home directory: the next run compiles the bundle again.
    removeQuietly(temporary);
  }
}

/** Removes what a failed write may have left, if anything, and if it can. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Its directory does not exist or cannot be written: there is nothing to remove.
  }
}

tuneForShortRuns();

const bundle = join(__dirname, 'bundle.js');
const source = readFileSync(bundle, 'utf8');
const file = cacheFile();
const key = bundleKey(bundle);
const cachedData = file === undefined ? undefined : readCache(file, key);
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
  // At exit, so that the cache holds the bytecode of every function the run compiled, not only the top level.
  process.once('exit', () => writeCache(file, key, script.createCachedData()));
}
/** What Module.wrap makes of the bundle: the function CommonJS calls a module's code as. */
type ModuleFunction = (
  exports: object,
  require: NodeJS.Require,
  module: object,
  filename: string,
  dirname: string,
) => void;
const cli = { exports: {} };
(script.runInThisContext() as ModuleFunction)(cli.exports, createRequire(bundle), cli, bundle, __dirname);
