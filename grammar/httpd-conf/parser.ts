import { wordLinesParser } from '../word-lines.ts';
import { httpdConfTokens } from './tokens.ts';

/** A file is lines of words; which are directives and which open or close sections is read off each line later. */
export const HttpdConfParser = wordLinesParser(httpdConfTokens);
