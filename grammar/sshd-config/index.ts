import { cstGrammar } from '../parsing.ts';
import { SshdConfigParser } from './parser.ts';
import { sshdConfigTokens } from './tokens.ts';

/** Lexes and parses an sshd_config file. Never throws on any input; what each line means is checked later. */
export const parseSshdConfigCst = cstGrammar(
  sshdConfigTokens,
  () => new SshdConfigParser(),
  () => [],
);
