import { setFlagsFromString } from 'node:v8';

/**
 * Two V8 settings for a run that is short and cold, made by the launcher (and by bench/grammar-floor.ts, to measure
 * like it). V8 reads them each time it uses them, so that setting them after start-up takes effect: a program
 * cannot pass flags to the node that runs it, and `--max-semi-space-size` would be read only at start-up.
 *
 * - V8 doubles the young generation each time much of it survives a collection, and a large audit keeps its tree
 *   and findings alive. Kept at its first size, collections come more often but each copies less, and pages never
 *   grown are never touched.
 * - Without inlining, the optimising compiler finishes each function sooner, and the code runs unoptimised for less
 *   of a short run; code that runs for seconds is a little slower without it.
 *
 * What each gives and costs, measured: bench/README.md.
 */
export function tuneForShortRuns(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--no-turbo-inlining');
}
