import { listenOf, parseHttpdConf, type HttpdDirective, type Listen } from '../syntax/httpd-conf.ts';

/** A `Listen` given on httpd's start line, as it was written there. */
export interface CommandLineListen extends Listen {
  /** `-C Listen 8081`, for the row's source. */
  written: string;
}

/**
 * The directives of httpd's start line: `-C 'directive'` is read before httpd.conf and `-c 'directive'` after it
 * (httpd(8)), so only `-C`'s Define and LoadModule can decide httpd.conf's `<IfDefine>` and `<IfModule>`; a Listen of
 * either opens its port. A value that is not one directive that parses (a Listen without a port among them), or that
 * is an Include, is `unread`.
 */
export function commandLineDirectives(options: ReadonlyArray<{ option: string; value: string }>): {
  before: HttpdDirective[];
  listens: CommandLineListen[];
  unread: string[];
} {
  const before: HttpdDirective[] = [];
  const listens: CommandLineListen[] = [];
  const unread: string[] = [];
  for (const { option, value } of options) {
    if (option !== 'C' && option !== 'c') continue;
    const written = `-${option} ${value}`;
    const parsed = parseHttpdConf(value);
    const directive = parsed.children[0];
    // An Include would be read as the configuration is, which a start line's directive is not followed to.
    if (
      parsed.errors.length > 0 ||
      parsed.children.length !== 1 ||
      directive?.type !== 'directive' ||
      directive.name === 'include' ||
      directive.name === 'includeoptional'
    ) {
      unread.push(written);
      continue;
    }
    if (option === 'C') before.push(directive);
    if (directive.name !== 'listen') continue;
    listens.push({ ...listenOf(directive), written });
  }
  return { before, listens, unread };
}
