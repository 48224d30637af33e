import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's Development section: a file in src/ has at most 300 lines, unless it is truly one thing and its first
 * line says why, as `// Over 300 lines: <the reason>`.
 */
const maxLines = 300;
const reasonLine = /^\/\/ Over 300 lines: \S.{9,}/;

const root = fileURLToPath(new URL('../../', import.meta.url));

function lineCount(text: string): number {
  if (text === '') return 0;
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}

/** The files over the limit whose first line gives no reason, with their line counts. */
function overLimit(files: ReadonlyArray<{ path: string; text: string }>): Array<{ path: string; lines: number }> {
  return files
    .map(({ path, text }) => ({ path, text, lines: lineCount(text) }))
    .filter(({ text, lines }) => lines > maxLines && !reasonLine.test(text.split('\n', 1)[0]!))
    .map(({ path, lines }) => ({ path, lines }));
}

function sourceFiles(): Array<{ path: string; text: string }> {
  return readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

describe('the check', () => {
  const lines = (n: number, first = 'const a = 1;') => [first, ...Array.from({ length: n - 1 }, () => 'x;')].join('\n');

  it('takes a file of 300 lines, and one of 301 whose first line gives the reason', () => {
    expect(overLimit([{ path: 'a.ts', text: `${lines(300)}\n` }])).toEqual([]);
    const reason = '// Over 300 lines: one table of the ports, row by row';
    expect(overLimit([{ path: 'b.ts', text: lines(301, reason) }])).toEqual([]);
  });

  it('refuses 301 lines without a reason, with an empty one, or with the reason below the first line', () => {
    const files = [
      { path: 'c.ts', text: `${lines(301)}\n` },
      { path: 'd.ts', text: lines(301, '// Over 300 lines:') },
      { path: 'e.ts', text: `import x from 'y';\n${lines(301, '// Over 300 lines: one table of the ports')}` },
    ];
    expect(overLimit(files)).toEqual([
      { path: 'c.ts', lines: 301 },
      { path: 'd.ts', lines: 301 },
      { path: 'e.ts', lines: 302 },
    ]);
  });

  it('counts a last line without a line feed', () => {
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('')).toBe(0);
  });
});

describe('src/', () => {
  const files = sourceFiles();
  const over = overLimit(files);

  it('has no file over 300 lines without a reason at its top', () => {
    expect(
      over,
      over.map(({ path, lines }) => `${path} has ${lines} lines: split it, or say why on its first line`).join('\n'),
    ).toEqual([]);
  });

  it('is read whole', () => {
    expect(files.map((file) => file.path)).toContain('src/bin/main.ts');
    expect(files.length).toBeGreaterThan(100);
  });
});
