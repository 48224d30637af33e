import type { IMultiModeLexerDefinition, IParserConfig, IRecognitionException, IToken, TokenType } from 'chevrotain';
import { lazyLexer } from './lexing.ts';
import { tokenEnd, type GrammarError, type ParsedCst } from './types.ts';
import { skipValidations } from './validations.ts';

/**
 * Every grammar parses a flat list of lines or statements and accepts every token somewhere, so none needs
 * chevrotain's error recovery or more than one token of lookahead; gates decide the rest.
 */
export const parserConfig: IParserConfig = {
  recoveryEnabled: false,
  nodeLocationTracking: 'none',
  maxLookahead: 1,
  skipValidations,
};

/** A chevrotain parser, CST-building or with embedded actions, whose `file` rule returns the concrete syntax `Cst`. */
interface FileParser<Cst> {
  input: IToken[];
  errors: IRecognitionException[];
  file(): Cst;
}

/**
 * A grammar's parse function: lexer and parser built on first use (chevrotain's self-analysis is the costly part,
 * so once per process), and the grammar's own account of what is wrong, in positioned errors.
 */
export function cstGrammar<Cst>(
  tokens: TokenType[] | IMultiModeLexerDefinition,
  makeParser: () => FileParser<Cst>,
  explain: (cst: Cst, tokens: IToken[]) => GrammarError[],
): (text: string) => ParsedCst<Cst> {
  const lexer = lazyLexer(tokens);
  let parser: FileParser<Cst> | undefined;
  return (text) => {
    const lexed = lexer().tokenize(text);
    parser ??= makeParser();
    parser.input = lexed.tokens;
    const cst = parser.file();
    const errors = explain(cst, lexed.tokens);
    for (const e of lexed.errors)
      errors.push({ message: e.message, start: e.offset, end: e.offset + e.length, expected: 'a token' });
    for (const e of parser.errors)
      errors.push({ message: e.message, start: e.token.startOffset, end: tokenEnd(e.token), expected: 'a line' });
    errors.sort((a, b) => a.start - b.start);
    return { cst, tokens: lexed.tokens, trivia: lexed.groups.trivia ?? [], errors };
  };
}
