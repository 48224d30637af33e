import { applyFixes, type Fix } from './edit.ts';

export interface FixedTexts {
  /** When the loop stopped at a fixed point or a cycle, the very array its last `fixesFor` call was given. */
  texts: string[];
  /** The fixes applied to each text, in order. */
  applied: Fix[][];
}

const maxPasses = 10;

/**
 * Applies the fixes `fixesFor` finds for each text (the files of one module, checked together), re-checks, and
 * repeats until nothing changes, the texts come back to a state seen before (a cycle between rules), or ten
 * passes have run.
 */
export function fixToFixedPoint(texts: readonly string[], fixesFor: (texts: string[]) => Fix[][]): FixedTexts {
  let current = [...texts];
  const applied: Fix[][] = texts.map(() => []);
  const seen = new Set([current.join('\u0000')]);
  for (let pass = 0; pass < maxPasses; pass++) {
    const fixes = fixesFor(current);
    const results = current.map((text, i) => applyFixes(text, fixes[i] ?? []));
    const next = results.map((result) => result.text);
    const key = next.join('\u0000');
    if (results.every((result) => result.applied.length === 0) || seen.has(key)) break;
    results.forEach((result, i) => {
      applied[i] = applied[i]!.concat(result.applied);
    });
    seen.add(key);
    current = next;
  }
  return { texts: current, applied };
}
