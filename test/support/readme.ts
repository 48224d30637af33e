import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The indented example that follows the paragraph ending with `after`, without its indent, up to the next paragraph of prose. */
export function exampleAfter(after: string): string[] {
  const start = readme.indexOf(after);
  expect(start).toBeGreaterThan(-1);
  const lines = readme
    .slice(start + after.length)
    .split('\n')
    .slice(1);
  const end = lines.findIndex((line, i) => i > 0 && line !== '' && !line.startsWith('    '));
  return lines
    .slice(0, end)
    .map((line) => line.slice(4))
    .filter((line) => line !== '' && line !== '…');
}

/** Each line of the example is a line of the output, in the same order (the example may leave lines out). */
export function expectExcerptOf(excerpt: string[], output: string): void {
  const lines = output.split('\n');
  let at = 0;
  for (const line of excerpt) {
    const found = lines.indexOf(line, at);
    expect(found, line).toBeGreaterThanOrEqual(at);
    at = found + 1;
  }
}
