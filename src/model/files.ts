import type { Language } from '../languages/registry.ts';
import { languageOf, type FileKind } from '../languages/registry.ts';
import { servicePorts } from '../syntax/services.ts';
import type { Source } from '../syntax/source.ts';
import { inetdServices, type InetdService, type PortResolver } from './inetd.ts';

type ParsedFileOfLanguage = ReturnType<Language['parseFile']>;

/** An inetd.conf with its entries read for what they make the module listen on. */
export type InetdFile = Extract<ParsedFileOfLanguage, { kind: 'inetd' }> & { services: InetdService[] };

/** A module's file as the model and the rules see it: parsed, and for inetd.conf its services resolved. */
export type AuditedFile = InetdFile | Exclude<ParsedFileOfLanguage, { kind: 'inetd' }>;

export type FileOfKind<K extends FileKind> = Extract<AuditedFile, { kind: K }>;
export type MacroFile = FileOfKind<'macro'>;
export type TelnetAdminFile = FileOfKind<'telnet-admin'>;
export type ServicesFile = FileOfKind<'services'>;
export type HostsAccessFile = FileOfKind<'hosts-access'>;

export interface SourceOfKind {
  source: Source;
  kind: FileKind;
}

export function isOfKind<K extends FileKind>(file: AuditedFile, kind: K): file is FileOfKind<K> {
  return file.kind === kind;
}

/** Parses each file with its language; inetd service names resolve through the module's services file. */
export function parseModuleFiles(inputs: readonly SourceOfKind[], fallbackResolver?: PortResolver): AuditedFile[] {
  const parsed = inputs.map(({ source, kind }) => languageOf(kind).parseFile(source));
  const services = parsed.find((file) => file.kind === 'services');
  const resolver = services ? servicePorts(services.tree) : fallbackResolver;
  return parsed.map((file) =>
    file.kind === 'inetd' ? { ...file, services: inetdServices(file.tree, resolver) } : file,
  );
}
