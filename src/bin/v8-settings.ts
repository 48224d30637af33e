import { setFlagsFromString } from 'node:v8';

/**
 * Two V8 settings for a run that is short and cold, made by the launcher (and by bench/grammar-floor.ts, to measure
 * like it). V8 reads them each time it uses them, so that setting them after start-up takes effect: a program
 * cannot pass flags to the node that runs it, and `--max-semi-space-size` would be read only at start-up. Measured
 * on a 20,000-line inetd.conf, in alternating runs:
 *
 * - V8 doubles the young generation each time much of it survives a collection, up to 2 × 16 MB, and a large
 *   audit keeps its tree and findings alive. Kept at its first size, collections come more often but each copies
 *   less, and pages never grown are never touched: about 60 ms and 11 MB less (a 10,000-line macro: 28 MB less).
 * - Without inlining, the optimising compiler finishes each function sooner, and the code runs unoptimised for less
 *   of the run: about 60 ms less (1,000 modules: 13 % less). Code that runs for seconds is slower without it, by
 *   5 to 10 % on a 200,000-line file.
 */
export function tuneForShortRuns(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--no-turbo-inlining');
}
