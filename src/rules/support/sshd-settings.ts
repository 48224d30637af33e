import type { ConfigLine } from '../../model/config-includes.ts';
import { readSshdConfig, type SshdConfigFile } from '../../model/sshd-ports.ts';
import type { Span } from '../../syntax/position.ts';
import type { SshdDirective } from '../../syntax/sshd-config.ts';
import type { AuditedModule } from '../rule.ts';

export type SshdLine = ConfigLine<SshdConfigFile, SshdDirective>;

/** One sshd_config of the module as sshd reads it: the first value of each keyword outside Match, and every line. */
export interface SshdSettings {
  /** The line that sets a keyword (lower case) for every connection: the first outside a Match block. */
  global: ReadonlyMap<string, SshdLine>;
  lines: readonly SshdLine[];
}

/** Each file named sshd_config in the module, read through its Includes ("for each keyword, the first obtained value will be used"). */
export function sshdSettings(module: AuditedModule): SshdSettings[] {
  const files = module.files.filter((file): file is SshdConfigFile => file.kind === 'sshd-config');
  return files
    .filter((file) => /(?:^|\/)sshd_config$/i.test(file.source.path))
    .map((file) => {
      const { lines } = readSshdConfig(file, files, module.name);
      const global = new Map<string, SshdLine>();
      for (const line of lines)
        if (line.conditions.length === 0 && !global.has(line.directive.name)) global.set(line.directive.name, line);
      return { global, lines };
    });
}

/** A keyword's value for every connection, lower-cased, or undefined when the file leaves it at sshd's default. */
export function globalValue(settings: SshdSettings, keyword: string): string | undefined {
  return settings.global.get(keyword)?.directive.arguments[0]?.value.toLowerCase();
}

/** A line's keyword and arguments: where a finding about it is reported. */
export function directiveSpan(directive: SshdDirective): Span {
  return { start: directive.keyword.start, end: (directive.arguments.at(-1) ?? directive.keyword).end };
}
