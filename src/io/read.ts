import { readFileSync } from 'node:fs';
import { describeIoError } from '../errors.ts';
import { decodeSource, type Source } from '../syntax/source.ts';

export type ReadResult = { ok: true; source: Source; bytes: Buffer } | { ok: false; path: string; reason: string };

export function readSource(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, path, reason: `cannot read ${path}: ${describeIoError(error)}` };
  }
  if (bytes.includes(0)) return { ok: false, path, reason: `${path} is a binary file (it has NUL bytes); not read` };
  return { ok: true, source: decodeSource(path, bytes), bytes };
}
