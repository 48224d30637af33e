import { always, and, never, not, or, type Atom, type Condition } from './conditions.ts';
import { minimalCover } from './minimal-cover.ts';

/**
 * A set of assignments of the module's atoms (the conditions vos-audit cannot look inside), as a node of a reduced
 * ordered binary decision diagram: 0 holds under no assignment, 1 under every one. A guard is as large as the
 * conditions it depends on make it, not as the module's, so a start's verdict depends only on what guards it. No
 * library on npm keeps such diagrams and is maintained; this one is the few operations the model needs.
 */
export type Guard = number;

/** A guard that would need more nodes than the bound: what depends on it is undecided, and says so. */
export class GuardTooLarge extends Error {
  constructor(
    readonly bound: number,
    readonly unit = 'decision nodes',
  ) {
    super(`a guard needs more than ${bound} ${unit}`);
  }
}

/** Nodes one operation may create before its result is too large to keep; and nodes all guards together may have. */
export const maxNodesPerGuard = 100_000;
const maxNodes = 2_000_000;
/** Atoms a printed condition is worked out over as a truth table; beyond, it is read off the diagram's paths. */
const tableVariables = 14;
/** Product terms a printed condition may have when read off the paths. */
const maxPrintedTerms = 256;

const terminal = 0x7fffffff;

/** The guards over one module's atoms, numbered as met: the order of the diagram, and the order conditions print in. */
export class Guards {
  readonly never: Guard = 0;
  readonly always: Guard = 1;
  readonly atoms: Atom[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly variable: number[] = [terminal, terminal];
  private readonly low: number[] = [0, 1];
  private readonly high: number[] = [0, 1];
  private readonly unique = new Map<string, Guard>();
  private readonly andCache = new Map<number, Guard>();
  private readonly orCache = new Map<number, Guard>();
  private readonly notCache = new Map<Guard, Guard>();
  /** Nodes when the operation under way began, to hold each operation to its bound. */
  private budgetFrom = 0;

  /** The number an atom has, numbering it if it is new. */
  numberOf(atom: Atom): number {
    let number = this.numbers.get(atom.key);
    if (number === undefined) {
      number = this.atoms.length;
      this.numbers.set(atom.key, number);
      this.atoms.push(atom);
    }
    return number;
  }

  /** The assignments in which the atom holds. */
  atom(atom: Atom): Guard {
    return this.node(this.numberOf(atom), 0, 1);
  }

  private node(variable: number, low: Guard, high: Guard): Guard {
    if (low === high) return low;
    const key = `${variable},${low},${high}`;
    const known = this.unique.get(key);
    if (known !== undefined) return known;
    const id = this.variable.length;
    if (id - this.budgetFrom > maxNodesPerGuard) throw new GuardTooLarge(maxNodesPerGuard);
    if (id >= maxNodes) throw new GuardTooLarge(maxNodes);
    this.variable.push(variable);
    this.low.push(low);
    this.high.push(high);
    this.unique.set(key, id);
    return id;
  }

  /** Runs one top-level operation within its bound; deep recursion counts as exceeding it. */
  private bounded(operation: () => Guard): Guard {
    this.budgetFrom = this.variable.length;
    try {
      return operation();
    } catch (error) {
      if (error instanceof RangeError) throw new GuardTooLarge(maxNodesPerGuard);
      throw error;
    }
  }

  and(a: Guard, b: Guard): Guard {
    return this.bounded(() => this.apply(true, a, b));
  }

  or(a: Guard, b: Guard): Guard {
    return this.bounded(() => this.apply(false, a, b));
  }

  not(a: Guard): Guard {
    return this.bounded(() => this.negate(a));
  }

  private negate(a: Guard): Guard {
    if (a <= 1) return 1 - a;
    const known = this.notCache.get(a);
    if (known !== undefined) return known;
    const result = this.node(this.variable[a]!, this.negate(this.low[a]!), this.negate(this.high[a]!));
    this.notCache.set(a, result);
    this.notCache.set(result, a);
    return result;
  }

  /** `and` when `conjunction`, else `or`: the usual recursion on the top variable, remembered per pair. */
  private apply(conjunction: boolean, a: Guard, b: Guard): Guard {
    if (a === b) return a;
    if (conjunction) {
      if (a === 0 || b === 0) return 0;
      if (a === 1) return b;
      if (b === 1) return a;
    } else {
      if (a === 1 || b === 1) return 1;
      if (a === 0) return b;
      if (b === 0) return a;
    }
    if (a > b) [a, b] = [b, a];
    const cache = conjunction ? this.andCache : this.orCache;
    const key = a * maxNodes + b;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const va = this.variable[a]!;
    const vb = this.variable[b]!;
    const top = Math.min(va, vb);
    const [a0, a1] = va === top ? [this.low[a]!, this.high[a]!] : [a, a];
    const [b0, b1] = vb === top ? [this.low[b]!, this.high[b]!] : [b, b];
    const result = this.node(top, this.apply(conjunction, a0, b0), this.apply(conjunction, a1, b1));
    cache.set(key, result);
    return result;
  }

  /** The guard of a condition. */
  of(condition: Condition): Guard {
    switch (condition.kind) {
      case 'constant':
        return condition.value ? 1 : 0;
      case 'atom':
        return this.atom(condition);
      case 'not':
        return this.not(this.of(condition.operand));
      default: {
        const conjunction = condition.kind === 'and';
        let result: Guard = conjunction ? 1 : 0;
        for (const operand of condition.operands) {
          const guard = this.of(operand);
          result = conjunction ? this.and(result, guard) : this.or(result, guard);
        }
        return result;
      }
    }
  }

  /** Fixes atoms to values (the products and facts stated): the assignments that agree, whatever those atoms are. */
  fix(guard: Guard, values: ReadonlyMap<number, boolean>): Guard {
    if (values.size === 0) return guard;
    const memo = new Map<Guard, Guard>();
    const walk = (g: Guard): Guard => {
      if (g <= 1) return g;
      const known = memo.get(g);
      if (known !== undefined) return known;
      const value = values.get(this.variable[g]!);
      const result =
        value === undefined
          ? this.node(this.variable[g]!, walk(this.low[g]!), walk(this.high[g]!))
          : walk(value ? this.high[g]! : this.low[g]!);
      memo.set(g, result);
      return result;
    };
    return this.bounded(() => walk(guard));
  }

  /** The atoms a guard depends on, by number, in order. */
  support(guard: Guard): number[] {
    const seen = new Set<Guard>();
    const found = new Set<number>();
    const pending = [guard];
    while (pending.length > 0) {
      const g = pending.pop()!;
      if (g <= 1 || seen.has(g)) continue;
      seen.add(g);
      found.add(this.variable[g]!);
      pending.push(this.low[g]!, this.high[g]!);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Whether the guard holds when the atoms numbered in `holding` hold and no other does. */
  private holds(guard: Guard, holding: (number: number) => boolean): boolean {
    let g = guard;
    while (g > 1) g = holding(this.variable[g]!) ? this.high[g]! : this.low[g]!;
    return g === 1;
  }

  /**
   * A small condition true on exactly the guard's assignments: over a few atoms a minimal sum of products, common
   * literals factored out; over more, one product per path of the diagram. Throws when that would be too long to read.
   */
  condition(guard: Guard): Condition {
    if (guard === 0) return never;
    if (guard === 1) return always;
    const support = this.support(guard);
    if (support.length > tableVariables) return this.pathCondition(guard);
    const position = new Map(support.map((number, i) => [number, i]));
    const minterms: number[] = [];
    for (let local = 0; local < 2 ** support.length; local++)
      if (this.holds(guard, (number) => ((local >>> position.get(number)!) & 1) === 1)) minterms.push(local);
    const cubes = minimalCover(support.length, minterms);
    const literal = (i: number, value: boolean): Condition =>
      value ? this.atoms[support[i]!]! : not(this.atoms[support[i]!]!);
    const common = cubes.reduce(
      (mask, cube) => mask & ~cube.free & ~(cube.value ^ cubes[0]!.value),
      2 ** support.length - 1,
    );
    const terms = cubes.map((cube) => {
      const literals: Condition[] = [];
      for (let i = 0; i < support.length; i++)
        if (!(cube.free & (1 << i)) && !(common & (1 << i))) literals.push(literal(i, ((cube.value >>> i) & 1) === 1));
      return and(...literals);
    });
    const factored: Condition[] = [];
    for (let i = 0; i < support.length; i++)
      if (common & (1 << i)) factored.push(literal(i, ((cubes[0]!.value >>> i) & 1) === 1));
    return and(...factored, or(...terms));
  }

  /** One product term per path to 1: disjoint, exact, and as long as the diagram is wide. */
  private pathCondition(guard: Guard): Condition {
    const terms: Condition[] = [];
    const pending: Array<{ g: Guard; literals: Condition[] }> = [{ g: guard, literals: [] }];
    while (pending.length > 0) {
      const { g, literals } = pending.pop()!;
      if (g === 0) continue;
      if (g === 1) {
        if (terms.length >= maxPrintedTerms)
          throw new GuardTooLarge(maxPrintedTerms, 'product terms to be written out');
        terms.push(and(...literals));
        continue;
      }
      const atom = this.atoms[this.variable[g]!]!;
      pending.push({ g: this.high[g]!, literals: [...literals, atom] });
      pending.push({ g: this.low[g]!, literals: [...literals, not(atom)] });
    }
    return or(...terms);
  }
}
