import { languageOf, type FileKind } from '../src/languages/registry.ts';
import { LineIndex } from '../src/syntax/position.ts';
import type { Tree } from '../src/languages/language.ts';

/** Any kind's tree, as far as the invariants look at it: read through the language registry, so every language is. */
export function treeOf(kind: FileKind, text: string): Tree {
  return languageOf(kind).parse(text, new LineIndex(text));
}
