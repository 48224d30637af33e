import { hostsAccess } from './hosts-access.ts';
import { httpdConf } from './httpd-conf.ts';
import { inetd } from './inetd.ts';
import { macro } from './macro.ts';
import { services } from './services.ts';
import { sshdConfig } from './sshd-config.ts';
import { telnetAdmin } from './telnet-admin.ts';

/**
 * Every language vos-audit reads, one line each. The order is the order kinds are listed in (--kind, the JSON
 * schemas): a new language goes at the end. Content sniffing has an order of its own (each language's priority).
 */
export const languages = [inetd, macro, telnetAdmin, services, hostsAccess, sshdConfig, httpdConf] as const;

export type Language = (typeof languages)[number];
export type FileKind = Language['kind'];
export type LanguageOf<K extends FileKind> = Extract<Language, { kind: K }>;

export const fileKinds: readonly FileKind[] = languages.map((language) => language.kind);

export function languageOf<K extends FileKind>(kind: K): LanguageOf<K> {
  return languages.find((language): language is LanguageOf<K> => language.kind === kind)!;
}

/** The kind of a file by its name (and folder, for some); matched case-insensitively, as VOS names are. */
export function kindByName(path: string): FileKind | undefined {
  const name = path.replace(/\\/g, '/').toLowerCase();
  return languages.find((language) => language.name.test(name))?.kind;
}

const bySniffingPriority = [...languages].sort((a, b) => b.content.priority - a.content.priority);

/** The kind of a file by its content: of the languages whose tell-tale line it has, the one of highest priority. */
export function kindByContent(text: string): FileKind | undefined {
  return bySniffingPriority.find((language) => language.content.line.test(text))?.kind;
}

export const knownNamesText = languages.map((language) => language.names).join(', ');
