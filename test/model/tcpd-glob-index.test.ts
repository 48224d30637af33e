import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlobIndex } from '../../src/model/tcpd-glob-index.ts';

/** tcpd's match_pattern_ylo, written out: `*` any run, `?` any one character, the rest equal ignoring ASCII case. */
function wildcardMatch(glob: string, text: string): boolean {
  const g = glob.toLowerCase();
  const t = text.toLowerCase();
  // matches[j]: whether the glob's first i characters match the text's first j.
  let matches = Array.from({ length: t.length + 1 }, (_, j) => j === 0);
  for (const c of g) {
    const next = Array.from({ length: t.length + 1 }, () => false);
    for (let j = 0; j <= t.length; j++)
      next[j] =
        c === '*' ? matches[j]! || (j > 0 && next[j - 1]!) : j > 0 && matches[j - 1]! && (c === '?' || c === t[j - 1]);
    matches = next;
  }
  return matches[t.length]!;
}

function firstOf(globs: string[], text: string): number {
  const index = new GlobIndex();
  globs.forEach((glob, position) => index.add(glob, position));
  return index.first([text]);
}

const texts = ['10.9.9.9', '198.51.100.7', '2001:db8::5', 'unknown', 'Host.Example.COM', ''];
const glob = fc
  .tuple(fc.constantFrom(...texts), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([target, cuts, upper]) => {
    let text = upper ? target.toUpperCase() : target;
    for (const cut of cuts) {
      const at = cut % (text.length + 1);
      text = `${text.slice(0, at)}${cut % 2 ? '?' : '*'}${text.slice(at + 1 + ((cut >> 1) % 3))}`;
    }
    return text;
  });

describe('the glob index', () => {
  it('finds the first glob in the list that matches, as trying each in order does', () => {
    fc.assert(
      fc.property(fc.array(glob, { maxLength: 300, size: 'max' }), fc.constantFrom(...texts), (globs, text) => {
        const first = globs.findIndex((g) => wildcardMatch(g, text));
        expect(firstOf(globs, text)).toBe(first === -1 ? Infinity : first);
      }),
      { seed: 20261208, numRuns: 300 },
    );
  });

  it('keeps the order among hundreds of globs with the same prefix and suffix', () => {
    const globs = Array.from({ length: 250 }, (_, i) => `*${i}*`);
    expect(firstOf(globs, 'host-199.example')).toBe(1);
    expect(firstOf(globs.slice(10), 'host-199.example')).toBe(19 - 10);
    expect(firstOf(globs.slice(100), 'x249y')).toBe(249 - 100);
    expect(firstOf(globs.slice(100), 'x')).toBe(Infinity);
  });

  it('ignores case as a regular expression does, and compares the whole text', () => {
    expect(firstOf(['unk*'], 'UNKNOWN')).toBe(0);
    expect(firstOf(['10.9.9.?'], '10.9.9.10')).toBe(Infinity);
    expect(firstOf(['?'], '')).toBe(Infinity);
    expect(firstOf(['*'], '')).toBe(0);
  });
});

describe('the glob index, asked about several texts', () => {
  it('finds the first glob that matches any of them, and none at or past a position found elsewhere', () => {
    const globs = ['*x*', 'unk*', '10.9.*', '*own', 'h*'];
    const index = new GlobIndex();
    globs.forEach((glob, position) => index.add(glob, position));
    expect(index.first(['10.9.9.9', 'unknown'])).toBe(1);
    expect(index.first(['10.9.9.9', 'nobody'])).toBe(2);
    expect(index.first(['10.9.9.9', 'unknown'], 2)).toBe(1);
    expect(index.first(['10.9.9.9', 'unknown'], 1)).toBe(Infinity);
  });
});
