/**
 * Sums of products: a boolean function of a few variables, given by its true rows, written as few product terms of
 * few literals as can be found.
 */

/** A product term over n variables: `free` has the bits it does not test, `value` the values of the others. */
export interface Cube {
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
export function minimalCover(n: number, minterms: number[]): Cube[] {
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
