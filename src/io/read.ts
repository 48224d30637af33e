import { readFileSync, statSync } from 'node:fs';
import { describeIoError } from './errors.ts';
import { decodeSource, type Source } from '../syntax/source.ts';

export type ReadResult = { ok: true; source: Source } | { ok: false; path: string; reason: string };

/** Real configuration files are kilobytes; past this, reading and modelling a file would take minutes and gigabytes. */
export const maxFileBytes = 32 * 1024 * 1024;

/** The path that names standard input, as for most command-line tools: `cat inetd.conf | vos-audit -`. */
export const standardInput = '-';

function tooLarge(path: string, size: number): ReadResult {
  return { ok: false, path, reason: `${path} is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${maxFileBytes / 1024 / 1024} MB vos-audit reads; not read` };
}

/** Reads a file, or standard input for `-`; a file that cannot be used is a reason, never an exception. */
export function readSource(path: string, readStandardInput: () => Buffer = () => readFileSync(0)): ReadResult {
  let bytes: Buffer;
  try {
    if (path !== standardInput) {
      const size = statSync(path).size;
      if (size > maxFileBytes) return tooLarge(path, size);
    }
    bytes = path === standardInput ? readStandardInput() : readFileSync(path);
  } catch (error) {
    return { ok: false, path, reason: `cannot read ${path === standardInput ? 'standard input' : path}: ${describeIoError(error)}` };
  }
  // A pipe's size is known only once it has been read.
  if (bytes.length > maxFileBytes) return tooLarge(path, bytes.length);
  if (bytes.includes(0)) return { ok: false, path, reason: `${path} is a binary file (it has NUL bytes); not read` };
  return { ok: true, source: decodeSource(path, bytes) };
}
