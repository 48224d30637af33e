import type { IToken } from 'chevrotain';
import { tokenEnd } from '../../grammar/types.ts';
import type { Span } from './position.ts';

/** A field of an entry or row: its text and where it stands, so a fix can rewrite just that field. */
export interface Field extends Span {
  value: string;
}

export function tokenField(token: IToken): Field {
  return { value: token.image, start: token.startOffset, end: tokenEnd(token) };
}
