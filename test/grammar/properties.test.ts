import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileKinds } from '../../src/languages/registry.ts';
import { seed, textOf } from '../support/arbitraries.ts';
import { relexed } from '../support/languages.ts';
import { misplacedPositions } from '../support/positions.ts';

describe('every grammar, on any input', () => {
  it.each(fileKinds.map((kind) => [kind] as const))(
    '%s: never throws, is lossless, and keeps positions inside the text and in order',
    (kind) => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), textOf(kind)), (text) => {
          expect(relexed(text, kind)).toBe(text);
          expect(misplacedPositions(kind, text)).toEqual([]);
        }),
        { seed, numRuns: 300 },
      );
    },
  );
});
