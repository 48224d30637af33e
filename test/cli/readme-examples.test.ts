import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The indented example that follows the paragraph ending with `after`, without its indent, up to the next paragraph of prose. */
function exampleAfter(after: string): string[] {
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
function expectExcerptOf(excerpt: string[], output: string): void {
  const lines = output.split('\n');
  let at = 0;
  for (const line of excerpt) {
    const found = lines.indexOf(line, at);
    expect(found, line).toBeGreaterThanOrEqual(at);
    at = found + 1;
  }
}

describe("the README's examples are the real output", () => {
  it('the quick start', async () => {
    const excerpt = exampleAfter('Its first line says what was assumed of the module:');
    expect(excerpt.length).toBeGreaterThan(3);
    const { stdout, status } = await vosAudit(['samples/stock-posix/inetd.conf'], { cwd: join(samplesDir, '..') });
    expect(status).toBe(1);
    expectExcerptOf(excerpt, stdout);
  });

  it('the ports table at 100 columns', async () => {
    const excerpt = exampleAfter('from `samples/`, at 100 columns (abridged):');
    expect(excerpt.length).toBeGreaterThan(10);
    const { stdout } = await vosAudit(['ports', '--state', 'live,conditional', 'stock-posix'], { cwd: samplesDir });
    expectExcerptOf(excerpt, stdout);
  });
});
