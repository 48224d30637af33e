import type { GrammarError } from '../../grammar/types.ts';
import type { LineIndex, Position } from './position.ts';

/** A grammar error placed in the file: where, what was found, what was expected. */
export interface ParseError extends GrammarError {
  readonly position: Position;
}

/** A grammar error moved `shift` characters into its file; its line and column are worked out when read. */
class PlacedError implements ParseError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly found?: string;
  readonly expected: string;
  readonly #index: LineIndex;

  constructor(error: GrammarError, index: LineIndex, shift: number) {
    this.message = error.message;
    this.start = error.start + shift;
    this.end = error.end + shift;
    if (error.found !== undefined) this.found = error.found;
    this.expected = error.expected;
    this.#index = index;
  }

  get position(): Position {
    return this.#index.position(this);
  }
}

export function placeError(error: GrammarError, index: LineIndex, shift = 0): ParseError {
  return new PlacedError(error, index, shift);
}
