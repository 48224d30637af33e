import { hostsAccess } from './hosts-access.ts';
import { inetd } from './inetd.ts';
import { macro } from './macro.ts';
import { services } from './services.ts';
import { telnetAdmin } from './telnet-admin.ts';

/** Every language vos-audit reads; the order is the order content sniffing tries them in. */
export const languages = [inetd, macro, telnetAdmin, services, hostsAccess] as const;

export type Language = (typeof languages)[number];
export type FileKind = Language['kind'];
export type LanguageOf<K extends FileKind> = Extract<Language, { kind: K }>;

export const fileKinds: readonly FileKind[] = languages.map((language) => language.kind);

export function languageOf<K extends FileKind>(kind: K): LanguageOf<K> {
  return languages.find((language): language is LanguageOf<K> => language.kind === kind)!;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The kind of a file by its name; matched case-insensitively, as VOS names are. */
export function kindByName(path: string): FileKind | undefined {
  const name = baseName(path);
  return languages.find((language) => language.name.test(name))?.kind;
}

/** The kind of a file by its content: the first language whose tell-tale line it has. */
export function kindByContent(text: string): FileKind | undefined {
  return languages.find((language) => language.content.test(text))?.kind;
}

export const knownNamesText = languages.map((language) => language.names).join(', ');
