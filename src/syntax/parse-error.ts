import type { GrammarError } from '../../grammar/types.ts';
import type { Position } from './position.ts';

/** A grammar error placed in the file: where, what was found, what was expected. */
export interface ParseError extends GrammarError {
  position: Position;
}
