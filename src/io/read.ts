import { readFileSync, statSync } from 'node:fs';
import { describeIoError } from '../errors.ts';
import { decodeSource, type Source } from '../syntax/source.ts';

export type ReadResult = { ok: true; source: Source; bytes: Buffer } | { ok: false; path: string; reason: string };

/** Real configuration files are kilobytes; past this, reading and modelling a file would take minutes and gigabytes. */
export const maxFileBytes = 32 * 1024 * 1024;

export function readSource(path: string): ReadResult {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxFileBytes) {
      return { ok: false, path, reason: `${path} is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${maxFileBytes / 1024 / 1024} MB vos-audit reads; not read` };
    }
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, path, reason: `cannot read ${path}: ${describeIoError(error)}` };
  }
  if (bytes.includes(0)) return { ok: false, path, reason: `${path} is a binary file (it has NUL bytes); not read` };
  return { ok: true, source: decodeSource(path, bytes), bytes };
}
