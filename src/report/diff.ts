import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { encodeSource } from '../syntax/source.ts';
import type { FileResult } from '../engine/audit.ts';

function asBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * A unified diff (`a/…`, `b/…`) from the original to the fixed file, for each changed file at the path `paths`
 * gives it. It is computed over the files' bytes, read as latin1 so that each byte is one character: CRLF, a BOM and
 * non-UTF-8 bytes come out exactly as they are on disk, and `git apply` or `patch -p1` reproduce the fixed file byte
 * for byte. Returns the patch as bytes.
 */
export function formatDiff(results: readonly FileResult[], paths: ReadonlyMap<FileResult, string>): Buffer {
  const patches = results
    .filter((result) => result.output !== result.source.text)
    .map((result) => {
      const before = encodeSource(result.source, result.source.text).toString('latin1');
      const after = encodeSource(result.source, result.output).toString('latin1');
      const path = asBytes(paths.get(result) ?? result.source.path);
      return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
        headerOptions: FILE_HEADERS_ONLY,
      });
    });
  return Buffer.from(patches.join(''), 'latin1');
}
