import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { parserConfig } from '../parsing.ts';
import { Colon, hostsAccessTokens, Newline, Options, Pattern } from './tokens.ts';

/**
 * The concrete syntax of a hosts.allow or hosts.deny line that is not blank or a comment: the daemon patterns, the
 * colon, the client patterns and the options token (`: option : option …`), each present as far as the line has it,
 * and the line feed unless the line is the file's last and has none (tcpd then ignores it).
 */
export interface HostsLineSyntax {
  daemons: IToken[];
  colon?: IToken;
  clients: IToken[];
  options?: IToken;
  newline?: IToken;
}

type ClientPart = Pick<HostsLineSyntax, 'colon' | 'clients' | 'options'>;

/**
 * Every sequence of tokens is a list of lines: the lexer only gives client patterns and options after a colon, so
 * the grammar needs no recovery; what a line lacks is explained afterwards.
 */
class HostsAccessParser extends EmbeddedActionsParser {
  constructor() {
    super(hostsAccessTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    const lines: HostsLineSyntax[] = [];
    this.MANY(() => {
      this.OR([{ ALT: () => void this.CONSUME(Newline) }, { ALT: () => lines.push(this.SUBRULE(this.rule)) }]);
    });
    return lines;
  });

  rule = this.RULE('rule', (): HostsLineSyntax => {
    const daemons: IToken[] = [];
    let rest: ClientPart = { clients: [] };
    this.OR([
      {
        ALT: () => {
          this.AT_LEAST_ONE(() => daemons.push(this.CONSUME(Pattern)));
          this.OPTION(() => (rest = this.SUBRULE(this.clientPart)));
        },
      },
      { ALT: () => (rest = this.SUBRULE2(this.clientPart)) },
    ]);
    const newline = this.OPTION2(() => this.CONSUME2(Newline));
    return { daemons, ...rest, ...(newline && { newline }) };
  });

  clientPart = this.RULE('clientPart', (): ClientPart => {
    const colon = this.CONSUME(Colon);
    const clients: IToken[] = [];
    this.MANY(() => clients.push(this.CONSUME2(Pattern)));
    const options = this.OPTION(() => this.CONSUME(Options));
    return { colon, clients, ...(options && { options }) };
  });
}

export function newHostsAccessParser(): HostsAccessParser {
  return new HostsAccessParser();
}
