import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, maxJsonDepth, parseLocatedJson } from '../../src/util/located-json.ts';

/** What JSON.parse makes of a text: its value, or that it refuses it. */
function byJsonParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function byLocatedJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseLocatedJson(text).value };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false };
  }
}

const syntaxErrorOf = (text: string) => {
  try {
    parseLocatedJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ...error.position, expected: error.expected };
  }
  throw new Error(`${text} was accepted`);
};

describe('JSON with positions', () => {
  it('reads every document JSON.stringify writes as JSON.parse does (fixed seed)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(byLocatedJson(text)).toEqual(byJsonParse(text));
      }),
      { seed: 2020, numRuns: 300 },
    );
  });

  it('accepts and refuses what JSON.parse accepts and refuses, on texts near JSON (fixed seed)', () => {
    const pieces = fc.constantFrom(...'{}[]:,"\\ \n\t-+.0123456789eEtruefalsnl/ubx\u0001'.split(''), '\\u00e9', 'null');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(byLocatedJson(text)).toEqual(byJsonParse(text));
      }),
      { seed: 2021, numRuns: 3000 },
    );
  });

  it('keeps a member named __proto__ as a member, as JSON.parse does', () => {
    const value = parseLocatedJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says where each value and key begins', () => {
    const located = parseLocatedJson('{\n  "rules": {\n    "a": "warn"\n  },\n  "ports": [1,\n   22]\n}');
    expect(located.at([])).toEqual({ line: 1, column: 1 });
    expect(located.at(['rules', 'a'])).toEqual({ line: 3, column: 10 });
    expect(located.keyAt(['rules', 'a'])).toEqual({ line: 3, column: 5 });
    expect(located.at(['ports', 1])).toEqual({ line: 6, column: 4 });
  });

  it.each([
    ['SECRET_TOKEN', 1, 1, 'a JSON value'],
    ['root:*:20211:0:99999:7:::\n', 1, 1, 'a JSON value'],
    ['', 1, 1, 'a JSON value'],
    ['{"release": ', 1, 13, 'a value after the colon'],
    ['{"release" "15.2"}', 1, 12, "':' after the key"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "',' or '}'"],
    ['{"a": 1,}', 1, 9, 'a key in double quotes'],
    ['{x}', 1, 2, "a key in double quotes, or '}'"],
    ['[1 2]', 1, 4, "',' or ']'"],
    ['["é', 1, 4, `the '"' that ends the string begun at line 1, column 2`],
    ['"a\tb"', 1, 3, 'no control character in a string (write a line break as \\n, a tab as \\t)'],
    ['"\\x"', 1, 2, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits'],
    ['-x', 1, 2, 'a digit'],
    ['1.', 1, 3, 'a digit after the decimal point'],
    ['1e+', 1, 4, 'a digit in the exponent'],
    ['{} x', 1, 4, 'the end of the file after the value'],
    [
      '[]'.padStart(2 * (maxJsonDepth + 2), '['),
      1,
      maxJsonDepth + 2,
      `a value nested at most ${maxJsonDepth} levels deep`,
    ],
  ])('%j: line %i, column %i, expected %s', (text, line, column, expected) => {
    expect(syntaxErrorOf(text)).toEqual({ line, column, expected });
  });
});
