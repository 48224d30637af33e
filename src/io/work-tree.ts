import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root of the git work tree that holds `directory` (an absolute real path): the nearest directory at or above it
 * with a `.git` (a directory, or the file of a linked work tree or submodule). Undefined outside any work tree.
 */
export function gitWorkTree(directory: string): string | undefined {
  for (let at = directory; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}
