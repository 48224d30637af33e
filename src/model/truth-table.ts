import { always, and, never, not, or, type Atom, type Condition } from './conditions.ts';

/**
 * The atoms of a module's conditions, numbered, at most `cap` of them: a truth table over k atoms has 2^k rows, so
 * the cap bounds time and memory whatever the input. Atoms past the cap are not numbered; a test of one is undecided.
 */
export class AtomIndex {
  readonly atoms: Atom[] = [];
  private readonly numbers = new Map<string, number>();
  /** Atoms met that did not fit under the cap. */
  overflowed = 0;

  constructor(readonly cap: number) {}

  add(atom: Atom): void {
    if (this.numbers.has(atom.key)) return;
    if (this.atoms.length >= this.cap) {
      this.overflowed++;
      return;
    }
    this.numbers.set(atom.key, this.atoms.length);
    this.atoms.push(atom);
  }

  numberOf(atom: Atom): number | undefined {
    return this.numbers.get(atom.key);
  }
}

/**
 * A set of assignments of the indexed atoms, as a bitset: bit i stands for the assignment in which atom j is true
 * exactly when bit j of i is set.
 */
export type Table = Uint32Array;

/** Tables over the atoms of one index, with the operations the reach analysis needs. */
export class Tables {
  readonly rows: number;
  private readonly words: number;
  private readonly lastWordMask: number;
  readonly full: Table;
  readonly empty: Table;

  constructor(readonly index: AtomIndex) {
    this.rows = 2 ** index.atoms.length;
    this.words = Math.max(1, this.rows / 32);
    this.lastWordMask = this.rows >= 32 ? 0xffffffff : 2 ** this.rows - 1;
    this.empty = new Uint32Array(this.words);
    this.full = new Uint32Array(this.words).fill(0xffffffff);
    this.full[this.words - 1] = this.lastWordMask;
  }

  has(table: Table, row: number): boolean {
    return ((table[row >>> 5]! >>> (row & 31)) & 1) === 1;
  }

  private fromRows(holds: (row: number) => boolean): Table {
    const table = new Uint32Array(this.words);
    for (let row = 0; row < this.rows; row++) if (holds(row)) table[row >>> 5]! |= 1 << (row & 31);
    return table;
  }

  and(a: Table, b: Table): Table {
    return a.map((word, i) => word & b[i]!);
  }

  or(a: Table, b: Table): Table {
    return a.map((word, i) => word | b[i]!);
  }

  not(a: Table): Table {
    const table = a.map((word) => ~word >>> 0);
    table[this.words - 1]! &= this.lastWordMask;
    return table;
  }

  /** Adds `b` to `into`; says whether anything was new. */
  orInto(into: Table, b: Table): boolean {
    let changed = false;
    for (let i = 0; i < this.words; i++) {
      const word = (into[i]! | b[i]!) >>> 0;
      if (word !== into[i]) {
        into[i] = word;
        changed = true;
      }
    }
    return changed;
  }

  isEmpty(a: Table): boolean {
    return a.every((word) => word === 0);
  }

  equals(a: Table, b: Table): boolean {
    return a.every((word, i) => word === b[i]);
  }

  /** The table of a condition, or undefined when it tests an atom past the cap. */
  of(condition: Condition): Table | undefined {
    switch (condition.kind) {
      case 'constant':
        return condition.value ? this.full : this.empty;
      case 'atom': {
        const number = this.index.numberOf(condition);
        return number === undefined ? undefined : this.fromRows((row) => ((row >>> number) & 1) === 1);
      }
      case 'not': {
        const operand = this.of(condition.operand);
        return operand && this.not(operand);
      }
      default: {
        let result: Table | undefined = condition.kind === 'and' ? this.full : this.empty;
        for (const operand of condition.operands) {
          const table = this.of(operand);
          if (table === undefined) return undefined;
          result = condition.kind === 'and' ? this.and(result, table) : this.or(result, table);
        }
        return result;
      }
    }
  }

  /** The rows where atom `number` has `value`, the table read as if it had that value everywhere. */
  private cofactor(table: Table, number: number, value: boolean): Table {
    const bit = 1 << number;
    return this.fromRows((row) => this.has(table, value ? row | bit : row & ~bit));
  }

  /** Fixes atoms to values (the products stated): the assignments that agree, whatever those atoms are. */
  fix(table: Table, values: ReadonlyMap<number, boolean>): Table {
    let result = table;
    for (const [number, value] of values) result = this.cofactor(result, number, value);
    return result;
  }

  /** The atoms a table depends on: those where flipping the atom flips some row. */
  support(table: Table): number[] {
    return this.index.atoms
      .map((_, number) => number)
      .filter((number) => {
        const bit = 1 << number;
        for (let row = 0; row < this.rows; row++)
          if (!(row & bit) && this.has(table, row) !== this.has(table, row | bit)) return true;
        return false;
      });
  }

  /** A small condition true on exactly the table's assignments: a minimal sum of products, common literals factored out. */
  condition(table: Table): Condition {
    if (this.isEmpty(table)) return never;
    if (this.equals(table, this.full)) return always;
    const support = this.support(table);
    const minterms: number[] = [];
    for (let local = 0; local < 2 ** support.length; local++) {
      let row = 0;
      support.forEach((number, i) => {
        if ((local >>> i) & 1) row |= 1 << number;
      });
      if (this.has(table, row)) minterms.push(local);
    }
    const cubes = minimalCover(support.length, minterms);
    const literal = (i: number, value: boolean): Condition =>
      value ? this.index.atoms[support[i]!]! : not(this.index.atoms[support[i]!]!);
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
}

/** A product term over n variables: `free` has the bits it does not test, `value` the values of the others. */
interface Cube {
  free: number;
  value: number;
}

function popcount(n: number): number {
  let count = 0;
  for (let m = n; m !== 0; m &= m - 1) count++;
  return count;
}

/** Variables up to which the prime implicants are all enumerated and the cover searched exactly. */
const exactVariables = 10;
/** Candidate implicants up to which every combination is tried. */
const exactCandidates = 16;

const covers = (cube: Cube, m: number) => (m & ~cube.free) === cube.value;

/**
 * Covers the minterms with as few product terms as it can, then as few literals: exact for up to 10 variables and
 * 16 candidate implicants after the essential ones, greedy beyond (still exactly the minterms, perhaps not the
 * shortest).
 */
function minimalCover(n: number, minterms: number[]): Cube[] {
  const on = new Uint8Array(2 ** n);
  for (const m of minterms) on[m] = 1;
  if (n > exactVariables) return greedyCover(n, on, minterms);
  const primes = primeImplicants(n, on);
  const chosen: Cube[] = [];
  let uncovered = minterms;
  for (const m of minterms) {
    const covering = primes.filter((cube) => covers(cube, m));
    if (covering.length === 1 && !chosen.includes(covering[0]!)) chosen.push(covering[0]!);
  }
  uncovered = uncovered.filter((m) => !chosen.some((cube) => covers(cube, m)));
  const candidates = primes.filter((cube) => !chosen.includes(cube) && uncovered.some((m) => covers(cube, m)));
  const cost = (cubes: Cube[]) => cubes.length * 1000 + cubes.reduce((sum, cube) => sum + n - popcount(cube.free), 0);
  if (candidates.length <= exactCandidates) {
    let best: Cube[] | undefined;
    for (let subset = 0; subset < 2 ** candidates.length; subset++) {
      const picked = candidates.filter((_, i) => (subset >>> i) & 1);
      if (best !== undefined && cost(picked) >= cost(best)) continue;
      if (uncovered.every((m) => picked.some((cube) => covers(cube, m)))) best = picked;
    }
    chosen.push(...best!);
  } else {
    while (uncovered.length > 0) {
      const count = (cube: Cube) => uncovered.filter((m) => covers(cube, m)).length;
      const pick = candidates.reduce((a, b) => (count(b) > count(a) ? b : a));
      chosen.push(pick);
      uncovered = uncovered.filter((m) => !covers(pick, m));
    }
  }
  return sorted(chosen);
}

function sorted(cubes: Cube[]): Cube[] {
  return cubes.sort((a, b) => popcount(b.free) - popcount(a.free) || a.value - b.value);
}

/** Each minterm not yet covered, widened to a prime implicant: linear in the minterms, for many variables. */
function greedyCover(n: number, on: Uint8Array, minterms: number[]): Cube[] {
  const chosen: Cube[] = [];
  for (const m of minterms) if (!chosen.some((cube) => covers(cube, m))) chosen.push(expand(n, on, m));
  return sorted(chosen);
}

/** Every prime implicant: cubes inside the function that no larger cube inside it contains. */
function primeImplicants(n: number, on: Uint8Array): Cube[] {
  const size = 2 ** n;
  // implicant[free * size + value]: the cube lies inside the function; built from cubes with one free bit fewer.
  const implicant = new Uint8Array(size * size);
  for (let free = 0; free < size; free++) {
    for (let value = 0; value < size; value++) {
      if (value & free) continue;
      if (free === 0) implicant[value] = on[value]!;
      else {
        const bit = free & -free;
        implicant[free * size + value] =
          implicant[(free ^ bit) * size + value]! & implicant[(free ^ bit) * size + (value | bit)]!;
      }
    }
  }
  const primes: Cube[] = [];
  for (let free = 0; free < size; free++) {
    for (let value = 0; value < size; value++) {
      if (value & free || !implicant[free * size + value]) continue;
      let prime = true;
      for (let bit = 1; bit < size && prime; bit <<= 1) {
        if (free & bit) continue;
        if (implicant[(free | bit) * size + (value & ~bit)]) prime = false;
      }
      if (prime) primes.push({ free, value });
    }
  }
  return primes;
}

/** One prime implicant that contains a minterm, found by freeing one variable after another while the cube stays inside. */
function expand(n: number, on: Uint8Array, minterm: number): Cube {
  let cube: Cube = { free: 0, value: minterm };
  for (let bit = 1; bit < 2 ** n; bit <<= 1) {
    const wider = { free: cube.free | bit, value: cube.value & ~bit };
    let inside = true;
    for (let sub = wider.free; inside; sub = (sub - 1) & wider.free) {
      if (!on[wider.value | sub]) inside = false;
      if (sub === 0) break;
    }
    if (inside) cube = wider;
  }
  return cube;
}
