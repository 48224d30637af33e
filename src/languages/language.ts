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

/**
 * One configuration language: how its files are recognised, how they are commented, how they parse. Every list of
 * kinds in vos-audit (the CLI's --kind, content sniffing, suppression comments, rule examples, docs) is read from
 * the descriptors in registry.ts.
 */
export const megabyte = 1024 * 1024;

export interface LanguageSpec<K extends string, T extends Tree> {
  kind: K;
  /** The files, as a user knows them: `inetd.conf`, `command macros (*.cm)`. */
  title: string;
  /** The file names it reads, for messages and the docs: `inetd.conf`, `*.cm`. */
  names: string;
  /** Matches a file's name (its last path component, lower-cased, as VOS names are case-insensitive). */
  name: RegExp;
  /** A tell-tale line, for files named on the command line whose name says nothing; no two languages share one. */
  content: RegExp;
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
}

export interface Language<K extends string, T extends Tree> extends LanguageSpec<K, T> {
  parseFile(source: Source): ParsedFile<K, T>;
}

export function defineLanguage<K extends string, T extends Tree>(spec: LanguageSpec<K, T>): Language<K, T> {
  return {
    ...spec,
    parseFile(source) {
      const lines = new LineIndex(source.text);
      return { kind: spec.kind, source, lines, tree: spec.parse(source.text, lines) };
    },
  };
}
