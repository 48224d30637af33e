import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileKinds, type FileKind } from '../../src/languages/registry.ts';
import { seed } from '../support/arbitraries.ts';
import { relexed } from '../support/languages.ts';
import { misplacedPositions } from '../support/positions.ts';
import { sourcesOfKind } from '../support/sources.ts';

/** The invariants every grammar keeps on any text: no throw, lossless tokens, positions inside and in order. */
function holds(kind: FileKind, text: string): void {
  expect(relexed(text, kind)).toBe(text);
  expect(misplacedPositions(kind, text)).toEqual([]);
}

describe.each(fileKinds.map((kind) => [kind] as const))('%s: every fixture and sample, mangled', (kind) => {
  const texts = sourcesOfKind(kind).map(([, source]) => source.text);

  it('truncated at every offset', () => {
    for (const text of texts) for (let end = 0; end <= text.length; end++) holds(kind, text.slice(0, end));
  });

  it('with its lines shuffled, and with NUL, CR, form feeds and astral characters inserted', () => {
    const text = fc.constantFrom(...texts);
    const mangled = fc.oneof(
      fc.tuple(text, fc.integer()).map(([t, n]) => {
        const lines = t.split('\n');
        return fc
          .sample(fc.shuffledSubarray(lines, { minLength: lines.length }), { seed: n, numRuns: 1 })[0]!
          .join('\n');
      }),
      fc
        .tuple(
          text,
          fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u0000', '\r', '\f', '\u{1d11e}', '\v', '\u2028')), {
            maxLength: 8,
          }),
        )
        .map(([t, inserts]) =>
          inserts.reduce(
            (acc, [at, c]) => acc.slice(0, at % (acc.length + 1)) + c + acc.slice(at % (acc.length + 1)),
            t,
          ),
        ),
    );
    fc.assert(
      fc.property(mangled, (t) => holds(kind, t)),
      { seed, numRuns: 200 },
    );
  });
});
