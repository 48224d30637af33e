import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/model/condition-parser.ts';
import {
  and,
  atomsOf,
  decideProducts,
  evaluate,
  not,
  or,
  printCondition,
  type Condition,
} from '../../src/model/conditions.ts';
import { Guards } from '../../src/model/guards.ts';

const printed = (text: string) => printCondition(parseCondition(text));

describe('reading &if expressions', () => {
  it('reads not, and, or, parentheses and function calls', () => {
    expect(printed('^ (software_purchased S270)')).toBe('not (software_purchased S270)');
    expect(printed('^(software_purchased S270)')).toBe('not (software_purchased S270)');
    expect(printed('(software_purchased S270) & (exists -file x)')).toBe(
      '(software_purchased S270) and (exists -file x)',
    );
    expect(printed('(a) | (b) & (c)')).toBe('(a) or (b) and (c)');
    expect(printed('((a) | (b)) & (c)')).toBe('((a) or (b)) and (c)');
    expect(printed('^ ((a) | (b))')).toBe('not ((a) or (b))');
    expect(printed('^ ^ (a)')).toBe('(a)');
    expect(printed('(exists -file (master_disk)>opt>openssl>sbin>sshd.pm)')).toBe(
      '(exists -file (master_disk)>opt>openssl>sbin>sshd.pm)',
    );
  });

  it('reads comparisons as atoms, and keeps them whole under not', () => {
    expect(printed("(module_name) = 'm1'")).toBe("(module_name) = 'm1'");
    expect(printed("^ (module_name) = 'm1'")).toBe("not ((module_name) = 'm1')");
    expect(printed('&mode& ^= maintenance')).toBe('&mode& ^= maintenance');
    expect(printed('&count& < 3 & &mode& = quick')).toBe('&count& < 3 and &mode& = quick');
  });

  it('keeps what it cannot read as one atom of the whole text', () => {
    for (const text of ['(a) &', '(a', '& | ^', "'unclosed", '(a))', `${'('.repeat(150)}x${')'.repeat(150)}`]) {
      const condition = parseCondition(text);
      expect(condition.kind).toBe('atom');
      expect(printCondition(condition)).toBe(text.trim().replace(/\s+/g, ' '));
    }
  });

  it('knows an atom by its text, names in any case, strings as written', () => {
    const key = (text: string) => [...atomsOf(parseCondition(text)).keys()];
    expect(key('(Software_Purchased s270)')).toEqual(key('(software_purchased  S270)'));
    expect(key("(module_name) = 'M1'")).not.toEqual(key("(module_name) = 'm1'"));
    expect(parseCondition('(software_purchased s270)')).toMatchObject({ product: 'S270' });
  });

  it('reads 20,000 carets and 20,000 terms without recursing on them', () => {
    expect(printed(`${'^ '.repeat(20_000)}(a)`)).toBe('(a)');
    expect(
      printCondition(parseCondition(Array.from({ length: 20_000 }, (_, i) => `(a${i})`).join(' | '))).split(' or '),
    ).toHaveLength(20_000);
  });
});

describe('deciding products', () => {
  it('decides every software_purchased term when the products are given; a product not listed is not purchased', () => {
    const condition = parseCondition('^ (software_purchased S270) | (exists -file x) & (software_purchased S269)');
    expect(printCondition(decideProducts(condition, new Set(['S270'])))).toBe('never');
    expect(printCondition(decideProducts(condition, new Set(['S269'])))).toBe('always');
    expect(printCondition(decideProducts(condition, new Set(['S270', 'S269'])))).toBe('(exists -file x)');
    expect(printCondition(decideProducts(condition, undefined))).toBe(printCondition(condition));
  });
});

describe('printing', () => {
  const [a, b, c] = ['(a)', '(b)', '(c)'].map(parseCondition) as [Condition, Condition, Condition];
  it('puts parentheses only where they are needed', () => {
    expect(printCondition(and(a, or(b, c)))).toBe('(a) and ((b) or (c))');
    expect(printCondition(or(a, and(b, c)))).toBe('(a) or (b) and (c)');
    expect(printCondition(not(and(a, b)))).toBe('not ((a) and (b))');
    expect(printCondition(and(not(a), not(b)))).toBe('not (a) and not (b)');
  });
});

/** Random conditions over a few atoms, as text, and the same condition evaluated directly. */
type Expression =
  { atom: number } | { not: Expression } | { and: [Expression, Expression] } | { or: [Expression, Expression] };

const expression = (atoms: number) =>
  fc.letrec<{ e: Expression }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: atoms - 1 }).map((atom) => ({ atom })),
      tie('e').map((e) => ({ not: e })),
      fc.tuple(tie('e'), tie('e')).map(([x, y]) => ({ and: [x, y] as [Expression, Expression] })),
      fc.tuple(tie('e'), tie('e')).map(([x, y]) => ({ or: [x, y] as [Expression, Expression] })),
    ),
  })).e;

const names = ['(software_purchased S270)', '(exists -file x)', "(module_name) = 'm1'", '&mode& ^= quick'];

function text(e: Expression): string {
  if ('atom' in e) return names[e.atom]!;
  if ('not' in e) return `^ (${text(e.not)})`;
  if ('and' in e) return `(${text(e.and[0])}) & (${text(e.and[1])})`;
  return `(${text(e.or[0])}) | (${text(e.or[1])})`;
}

function truth(e: Expression, row: number): boolean {
  if ('atom' in e) return ((row >>> e.atom) & 1) === 1;
  if ('not' in e) return !truth(e.not, row);
  if ('and' in e) return truth(e.and[0], row) && truth(e.and[1], row);
  return truth(e.or[0], row) || truth(e.or[1], row);
}

describe('guards and back', () => {
  it('a condition read from text, made a guard and turned back into a condition, is true on the same assignments', () => {
    fc.assert(
      fc.property(expression(4), (e) => {
        const condition = parseCondition(text(e));
        const guards = new Guards();
        for (const name of names) for (const atom of atomsOf(parseCondition(name)).values()) guards.numberOf(atom);
        const back = guards.condition(guards.of(condition));
        for (let row = 0; row < 16; row++) {
          const assignment = (atom: { key: string }) =>
            ((row >>> guards.atoms.findIndex((a) => a.key === atom.key)) & 1) === 1;
          expect(evaluate(condition, assignment)).toBe(truth(e, row));
          expect(evaluate(back, assignment)).toBe(truth(e, row));
        }
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('turns guards into minimal sums of products, with common terms factored out', () => {
    const guards = new Guards();
    for (const name of ['(a)', '(b)', '(c)'])
      for (const atom of atomsOf(parseCondition(name)).values()) guards.numberOf(atom);
    const shown = (text: string) => printCondition(guards.condition(guards.of(parseCondition(text))));
    expect(shown('(a) & (b) | (a) & ^ (b)')).toBe('(a)');
    expect(shown('(a) & (b) | (a) & (c)')).toBe('(a) and ((b) or (c))');
    expect(shown('(a) | ^ (a) & (b)')).toBe('(a) or (b)');
    expect(shown('(a) | ^ (a)')).toBe('always');
    expect(shown('(a) & ^ (a)')).toBe('never');
    expect(shown('^ ((a) | (b))')).toBe('not (a) and not (b)');
  });
});
