import type { IToken } from 'chevrotain';
import { tokenEnd, type GrammarError } from '../../grammar/types.ts';
import type { Field } from './field.ts';
import { optionNames, optionSpecs } from './hosts-options.ts';

export interface HostsOption extends Field {
  keyword: string;
  argument?: string;
  /** Why tcpd refuses the option: a rule with one denies every client it matches. */
  problem?: string;
}

/**
 * The options after the client list, split as tcpd splits them: at every colon but `\:`, each trimmed, the keyword
 * up to a blank or `=`, the value after it (one `=` between them is allowed).
 */
export function optionsOf(token: IToken, errors: GrammarError[]): HostsOption[] {
  const image = token.image;
  const options: HostsOption[] = [];
  let text = '';
  let first = -1;
  let last = -1;
  const flush = (at: number) => {
    const start = first === -1 ? at : token.startOffset + first;
    options.push(describeOption(text.trim(), start, first === -1 ? at : token.startOffset + last + 1));
    text = '';
    first = last = -1;
  };
  for (let i = 1; i < image.length; i++) {
    const c = image[i]!;
    if (c === '\\' && image[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === ':') {
      flush(token.startOffset + i);
      continue;
    }
    const escaped = c === '\\' && image[i + 1] === ':';
    if (escaped) i++;
    text += escaped ? ':' : c;
    if (!/\s/.test(c)) {
      if (first === -1) first = escaped ? i - 1 : i;
      last = i;
    }
  }
  flush(tokenEnd(token));
  options.forEach((option, i) => {
    const spec = optionSpecs.get(option.keyword.toLowerCase());
    const problem =
      option.keyword === ''
        ? `expected an option (${optionNames})`
        : spec === undefined
          ? `expected one of ${optionNames}`
          : option.argument === undefined && spec.value === 'needed'
            ? `expected a value after '${option.keyword}'`
            : option.argument !== undefined && spec.value === 'none'
              ? `expected nothing after '${option.keyword}'`
              : spec.last && i < options.length - 1
                ? `expected '${option.keyword}' to be the rule's last option`
                : option.argument !== undefined
                  ? spec.check?.(option.argument)
                  : undefined;
    if (problem === undefined) return;
    option.problem = problem;
    const found =
      option.value === ''
        ? 'end of option'
        : `option '${option.value.length > 40 ? `${option.value.slice(0, 40)}…` : option.value}'`;
    errors.push({
      message: `Unexpected ${found}, ${problem}: tcpd denies every client this rule matches`,
      start: option.start,
      end: option.end,
      found: option.value,
      expected: 'an option',
    });
  });
  return options;
}

function describeOption(value: string, start: number, end: number): HostsOption {
  const keyword = /^[^= \t\r\n]*/.exec(value)![0];
  const rest = value.slice(keyword.length).replace(/^[ \t\r\n]*/, '');
  const argument = (rest.startsWith('=') ? rest.slice(1).replace(/^[ \t\r\n]*/, '') : rest) || undefined;
  return { value, start, end, keyword, ...(argument !== undefined && { argument }) };
}
