// For bench/robustness.ts until it imports test/support/languages.ts; remove then.
export { treeOf } from './support/languages.ts';
