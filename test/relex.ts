// For bench/robustness.ts until it imports test/support/languages.ts; remove then.
export { relexed } from './support/languages.ts';
