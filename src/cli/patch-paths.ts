import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { FileResult } from '../engine/audit.ts';
import { gitWorkTree } from '../io/work-tree.ts';

/** Where a patch applies from, and each changed file's path in its headers. */
export interface PatchPaths {
  /** The directory the paths are relative to: the current directory, or the root of a git work tree. */
  base: string;
  /** The base is a git work tree's root, not the current directory. */
  workTree: boolean;
  paths: Map<FileResult, string>;
}

function below(base: string, path: string): string | undefined {
  const inside = relative(base, path);
  return inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside) ? undefined : inside;
}

/**
 * The paths a patch of these files names, so that `git apply` and `patch -p1` find them: relative to the current
 * directory when it holds every changed file; else relative to the root of the one git work tree that holds them all
 * (apply from there). Any other file has no path a patch could name: the reason is returned instead.
 */
export function patchPaths(results: readonly FileResult[], cwd = process.cwd()): PatchPaths | { refused: string } {
  const changed = results.filter((result) => result.output !== result.source.text);
  // Standard input has no place on disk; its patch is named as it was (`-`).
  const onDisk = changed.flatMap((result) =>
    result.source.origin === undefined ? [] : [{ result, real: result.source.origin.path.toString() }],
  );
  const here = realpathSync(cwd);
  const bases = [here, ...new Set(onDisk.map(({ real }) => gitWorkTree(dirname(real)) ?? here))];
  const base = bases.find((candidate) => onDisk.every(({ real }) => below(candidate, real) !== undefined));
  if (base === undefined) {
    const outside = onDisk.find(({ real }) => below(here, real) === undefined)!.result.source.path;
    return {
      refused:
        `--diff: ${outside} is not below the current directory, and the changed files are not all in one git work ` +
        'tree, so no path in a patch would find it; run --diff from a directory that holds every file to fix',
    };
  }
  const paths = new Map(changed.map((result) => [result, result.source.path]));
  for (const { result, real } of onDisk) paths.set(result, below(base, real)!.split(sep).join('/'));
  return { base, workTree: base !== here, paths };
}
