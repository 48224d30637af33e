import { wordLinesParser } from '../word-lines.ts';
import { sshdConfigTokens } from './tokens.ts';

/** A file is lines of words; which word is the keyword, and what its arguments must be, is read off each line later. */
export const SshdConfigParser = wordLinesParser(sshdConfigTokens);
