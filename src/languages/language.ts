import type { ParsedCst } from '../../grammar/types.ts';
import type { ParseError } from '../syntax/parse-error.ts';
import { LineIndex, type Position } from '../syntax/position.ts';
import type { Source } from '../syntax/source.ts';

/** What the framework reads of any language's tree: its nodes, in file order, and its syntax errors. */
export interface Tree {
  children: ReadonlyArray<{ position: Position }>;
  errors: ParseError[];
}

/** A file read by its language: its source, the line index its positions were computed with, and its tree. */
export interface ParsedFile<K extends string, T extends Tree> {
  kind: K;
  source: Source;
  lines: LineIndex;
  tree: T;
}

export const megabyte = 1024 * 1024;

/**
 * One configuration language: everything vos-audit knows of it outside its grammar and tree. Every list of kinds
 * (the CLI's --kind, discovery, content sniffing, suppression comments, rule examples, the docs, the JSON schemas'
 * kinds, the pre-commit hooks' `files:` pattern, the grammar tests and the robustness bench) is read from the
 * descriptors in registry.ts, so a language is its own files plus one line there.
 */
export interface LanguageSpec<K extends string, T extends Tree> {
  kind: K;
  /** The files, as a user knows them: `inetd.conf`, `command macros (*.cm)`. */
  title: string;
  /** The file names it reads, for messages and the docs: `inetd.conf`, `*.cm`. */
  names: string;
  /**
   * The file names it reads, as a regular expression's source for the end of a path in lower case, from a `/` on
   * (VOS names are case-insensitive): `inetd\.conf`, `[^/]*\.cm`, or with the folder that makes a name one of
   * its files: `sshd_config\.d/[^/]*\.conf`. Discovery matches paths with it, and the pre-commit hooks' `files:`
   * pattern is made of these (Python's `re` reads it too: no JavaScript-only syntax).
   */
  fileName: string;
  /**
   * A tell-tale line, for files named on the command line whose name says nothing, and its priority: sniffing tries
   * the languages from the highest priority down, so a language whose line is specific goes above one whose line is
   * loose (hosts-access's `word: word` is the loosest, and lowest).
   */
  content: { line: RegExp; priority: number };
  /** What starts a comment line: suppression comments are written with it. */
  commentMarker: '#' | '&';
  /**
   * The largest file vos-audit reads in this language: well above any real file, low enough that the worst input
   * of this size is audited in seconds (bench/robustness.ts measures it).
   */
  maxBytes: number;
  /** The file a rule example in this language is named when the rule names none. */
  exampleName: string;
  /** The Markdown fence info string its examples are shown with. */
  fence: string;
  parse(text: string, lines: LineIndex): T;
  /** The grammar's tokens and trivia, which concatenate back to the text (what the lossless tests check). */
  lex(text: string): ParsedCst<unknown>;
  /** The tree as one line a node and one line an error: the form its grammar goldens are reviewed in. */
  dump(tree: T): string;
  /**
   * Pieces of its text (keywords, separators, line ends, odd characters) that the grammar property tests and the
   * robustness bench join at random: mostly near-entries, which is where parsers and fixes go wrong.
   */
  fuzzPieces: readonly string[];
  /**
   * The docs of its syntax rule, `<kind>-syntax`, which reports its grammar's errors (rules/registry.ts makes one for
   * every language): what a well-formed file is, why a line that is not matters, and examples of its errors.
   */
  syntaxRule: {
    summary: string;
    rationale: string;
    examples: Array<{ title: string; input: string; messages: string[] }>;
  };
}

export interface Language<K extends string, T extends Tree> extends LanguageSpec<K, T> {
  /** Matches a file's path, lower-cased with `/` between its components: `fileName` at its end, after a `/`. */
  name: RegExp;
  parseFile(source: Source): ParsedFile<K, T>;
  /** A text's tree, dumped: what its grammar goldens hold. */
  dumpText(text: string): string;
}

export function defineLanguage<K extends string, T extends Tree>(spec: LanguageSpec<K, T>): Language<K, T> {
  return {
    ...spec,
    name: new RegExp(`(?:^|/)(?:${spec.fileName})$`),
    parseFile(source) {
      const lines = new LineIndex(source.text);
      return { kind: spec.kind, source, lines, tree: spec.parse(source.text, lines) };
    },
    dumpText(text) {
      return spec.dump(spec.parse(text, new LineIndex(text)));
    },
  };
}
