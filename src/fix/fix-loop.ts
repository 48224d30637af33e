import { applyFixes, type Fix } from './edit.ts';

export interface FixedText {
  text: string;
  applied: Fix[];
}

const maxPasses = 10;

/**
 * Applies the fixes `fixesFor` finds, re-checks the new text, and repeats until nothing changes, a text comes back
 * that was seen before (a cycle between rules), or ten passes have run.
 */
export function fixToFixedPoint(text: string, fixesFor: (text: string) => Fix[]): FixedText {
  const seen = new Set([text]);
  let applied: Fix[] = [];
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const result = applyFixes(current, fixesFor(current));
    if (result.applied.length === 0 || seen.has(result.text)) break;
    applied = applied.concat(result.applied);
    seen.add(result.text);
    current = result.text;
  }
  return { text: current, applied };
}
