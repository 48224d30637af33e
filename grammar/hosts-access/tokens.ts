import { createToken, type CustomPatternMatcherReturn, type IMultiModeLexerDefinition } from 'chevrotain';
import { everyCodeUnitExcept } from '../lexing.ts';

/**
 * hosts_access(5) as tcpd reads it. tcpd ends a line only at a line feed, so a carriage return is a blank; a
 * backslash right before the line feed joins the next line to this one (`\` then CR LF does not).
 */
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });

/** A backslash-newline between words: the rule goes on on the next line. */
export const Continuation = createToken({ name: 'Continuation', pattern: /\\\n/, line_breaks: true, group: 'trivia' });

/** Blanks and commas separate the items of a list (tcpd splits lists at ", \t\r\n"). */
export const Separator = createToken({ name: 'Separator', pattern: /(?:[ \t,]|\r(?!\n))+/, group: 'trivia' });

/** The rest of a logical line: through continuations, up to the line feed (and a CR before it). */
const restOfLogicalLine = /(?:[^\\\r\n]|\\(?!\n)|\\\n|\r(?!\n))*/y;

/** A backslash-newline starts no line of its own: what follows it continues the line before. */
function atLogicalLineStart(text: string, offset: number): boolean {
  return offset === 0 || (text.charCodeAt(offset - 1) === 0x0a && text.charCodeAt(offset - 2) !== 0x5c);
}

/** `#` is a comment only as the first character of a logical line; indented, tcpd reads it as a pattern. */
export const Comment = createToken({
  name: 'Comment',
  line_breaks: true,
  group: 'trivia',
  start_chars_hint: ['#'],
  pattern: {
    exec: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      if (text.charCodeAt(offset) !== 0x23 || !atLogicalLineStart(text, offset)) return null;
      restOfLogicalLine.lastIndex = offset + 1;
      return [`#${restOfLogicalLine.exec(text)![0]}`] as CustomPatternMatcherReturn;
    },
  },
});

/** The colon after the daemon list; the client list follows. */
export const Colon = createToken({ name: 'Colon', pattern: /:/, push_mode: 'clients' });

/**
 * One pattern of a list: up to a separator or a colon. A bracketed IPv6 address keeps its colons; a continuation
 * inside a pattern joins its two halves, as tcpd joins the lines before it splits the list.
 */
export const Pattern = createToken({
  name: 'Pattern',
  pattern: /(?:[^ \t\r\n,:\\[]|\\(?!\n)|\\\n(?=[^ \t\r\n,:])|\[[^\] \t\r\n,]*\]?)+/,
  start_chars_hint: everyCodeUnitExcept(' \t\r\n,:'),
});

/**
 * The colon after the client list and everything after it on the logical line: the options of hosts_options(5)
 * (or a shell command), split at colons not escaped as `\:` when the tree is built.
 */
export const Options = createToken({
  name: 'Options',
  pattern: /:(?:[^\\\r\n]|\\(?!\n)|\\\n|\r(?!\n))*/,
  line_breaks: true,
});

/** The client list's line feed ends the rule: back to a daemon list. */
const ClientsNewline = createToken({
  name: 'ClientsNewline',
  pattern: /\r?\n/,
  line_breaks: true,
  categories: [Newline],
  pop_mode: true,
});

export const hostsAccessLexerDefinition: IMultiModeLexerDefinition = {
  modes: {
    daemons: [Newline, Continuation, Comment, Separator, Colon, Pattern],
    clients: [ClientsNewline, Continuation, Separator, Options, Pattern],
  },
  defaultMode: 'daemons',
};

export const hostsAccessTokens = [Newline, ClientsNewline, Continuation, Comment, Separator, Colon, Options, Pattern];
