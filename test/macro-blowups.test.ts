import { describe, expect, it } from 'vitest';
import { parseMacro } from '../src/syntax/macro.ts';

describe('macro inputs that once overflowed the stack or blew up', () => {
  it('a 20 MB quoted string, and 5 MB of doubled quotes, lex as one string each', () => {
    for (const inside of ['x'.repeat(20_000_000), "''".repeat(2_500_000)]) {
      const tree = parseMacro(`display_line '${inside}'\n`);
      expect(tree.errors).toEqual([]);
      const statement = tree.children[0]!;
      expect(statement.type === 'statement' && statement.words[1]!.text.length).toBe(inside.length + 2);
    }
  });

  it('tells a closing quote from a doubled quote cut by the line end', () => {
    const unterminated = (text: string) => parseMacro(text).errors.length;
    expect([`x 'a'\n`, `x ''''\n`, `x ''\n`, `x 'a''b' c\n`].map(unterminated)).toEqual([0, 0, 0, 0]);
    expect([`x 'a''\n`, `x '''\n`, `x '\n`, `x 'a`].map(unterminated)).toEqual([1, 1, 1, 1]);
  });
});
