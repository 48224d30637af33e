import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeIoError } from './errors.ts';

/**
 * Writes generated files (paths relative to `directory`, which is created when missing), replacing files of the same
 * name; returns one line for each file that could not be written.
 */
export function writeOutputFiles(directory: string, files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, text] of files) {
    const path = join(directory, name);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } catch (error) {
      problems.push(`${path}: not written: ${describeIoError(error)}`);
    }
  }
  return problems;
}
