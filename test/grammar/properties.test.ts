import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { inetdText, macroText, seed, tableText } from '../support/arbitraries.ts';
import { relexed } from '../support/languages.ts';
import { misplacedPositions } from '../support/positions.ts';

const settings = { seed, numRuns: 300 };

describe('the parser, on any input', () => {
  it('never throws, is lossless, and keeps positions inside the text and in order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), inetdText), (text) => {
        expect(relexed(text)).toBe(text);
        expect(misplacedPositions('inetd', text, parseInetd(text))).toEqual([]);
      }),
      settings,
    );
  });
});

describe('the other grammars, on any input', () => {
  it.each([
    ['macro', macroText],
    ['telnet-admin', tableText],
    ['services', tableText],
  ] as const)('%s: never throws, is lossless, keeps positions inside the text', (kind, pieces) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), pieces), (text) => {
        expect(relexed(text, kind)).toBe(text);
        expect(misplacedPositions(kind, text)).toEqual([]);
      }),
      settings,
    );
  });
});
