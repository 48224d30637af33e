import { createToken, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, Newline } from '../lexing.ts';

/** services(5): `name port/protocol [aliases…] [# comment]`; `#` starts a comment anywhere on a line. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'trivia' });
export const Name = createToken({
  name: 'Name',
  pattern: /[^ \t\f\v\r\n#]+/,
  start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n#'),
});
export const PortProtocol = createToken({
  name: 'PortProtocol',
  pattern: /\d{1,5}\/[A-Za-z0-9]+(?![^ \t\f\v\r\n#])/,
  categories: [Name],
  start_chars_hint: [...'0123456789'],
});

export const servicesTokens: TokenType[] = [Newline, Blank, Comment, PortProtocol, Name];
