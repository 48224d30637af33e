import { cstGrammar } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { newHostsAccessParser, type HostsLineSyntax } from './parser.ts';
import { hostsAccessLexerDefinition } from './tokens.ts';

function shown(text: string): string {
  const oneLine = text.replace(/\\\n/g, '');
  return `'${oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine}'`;
}

/** What a line lacks of `daemon_list : client_list [: options]`. */
function explainLine(line: HostsLineSyntax): GrammarError[] {
  const errors: GrammarError[] = [];
  const last = line.options ?? line.clients.at(-1) ?? line.colon ?? line.daemons.at(-1)!;
  if (line.colon === undefined) {
    const end = tokenEnd(last);
    errors.push({
      message: `Unexpected end of line after ${shown(last.image)}, expected ':' and a client list (daemon_list : client_list)`,
      start: end,
      end,
      expected: "':'",
    });
  } else if (line.daemons.length === 0) {
    errors.push({
      message: "Unexpected ':' at the start of the rule, expected a daemon list before it (daemon_list : client_list)",
      start: line.colon.startOffset,
      end: tokenEnd(line.colon),
      found: ':',
      expected: 'a daemon list',
    });
  } else if (line.clients.length === 0) {
    const end = tokenEnd(line.colon);
    errors.push({
      message:
        "Unexpected end of the client list after ':', expected at least one client pattern (such as 10.9.9.9 or ALL)",
      start: end,
      end,
      expected: 'a client pattern',
    });
  }
  return errors;
}

/** Lexes and parses hosts.allow or hosts.deny text. Never throws on any input. */
export const parseHostsAccessCst = cstGrammar(
  hostsAccessLexerDefinition,
  newHostsAccessParser,
  (lines: HostsLineSyntax[]) => lines.flatMap(explainLine),
);

export type { HostsLineSyntax };
