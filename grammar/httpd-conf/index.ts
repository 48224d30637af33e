import { cstGrammar } from '../parsing.ts';
import { HttpdConfParser } from './parser.ts';
import { httpdConfTokens } from './tokens.ts';

/** Lexes and parses an Apache configuration file. Never throws on any input; what each line means is checked later. */
export const parseHttpdConfCst = cstGrammar(
  httpdConfTokens,
  () => new HttpdConfParser(),
  () => [],
);
