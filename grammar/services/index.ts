import { cstGrammar } from '../parsing.ts';
import { explainBogusLines, ServicesParser } from './parser.ts';
import { servicesTokens } from './tokens.ts';

/** Lexes and parses an STCP services file. Never throws on any input. */
export const parseServicesCst = cstGrammar(servicesTokens, () => new ServicesParser(), explainBogusLines);
