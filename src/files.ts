import { inetdServices, type InetdService, type PortResolver } from './model/inetd.ts';
import { parseInetd, type InetdRoot } from './syntax/inetd.ts';
import { parseMacro, type MacroRoot } from './syntax/macro.ts';
import { parseServices, servicePorts, type ServicesRoot } from './syntax/services.ts';
import type { Source } from './syntax/source.ts';
import { parseTelnetAdmin, type TelnetAdminRoot } from './syntax/telnet-admin.ts';

export type FileKind = 'inetd' | 'macro' | 'telnet-admin' | 'services';
export const fileKinds: readonly FileKind[] = ['inetd', 'macro', 'telnet-admin', 'services'];

export interface InetdFile {
  kind: 'inetd';
  source: Source;
  tree: InetdRoot;
  services: InetdService[];
}

export interface MacroFile {
  kind: 'macro';
  source: Source;
  tree: MacroRoot;
}

export interface TelnetAdminFile {
  kind: 'telnet-admin';
  source: Source;
  tree: TelnetAdminRoot;
}

export interface ServicesFile {
  kind: 'services';
  source: Source;
  tree: ServicesRoot;
}

export type AuditedFile = InetdFile | MacroFile | TelnetAdminFile | ServicesFile;

export interface SourceOfKind {
  source: Source;
  kind: FileKind;
}

/** Parses each file with the grammar of its kind; inetd service names resolve through the module's services file. */
export function parseModuleFiles(inputs: readonly SourceOfKind[], fallbackResolver?: PortResolver): AuditedFile[] {
  const parsed = inputs.map(({ source, kind }): AuditedFile | { kind: 'inetd'; source: Source } => {
    switch (kind) {
      case 'macro':
        return { kind, source, tree: parseMacro(source.text) };
      case 'telnet-admin':
        return { kind, source, tree: parseTelnetAdmin(source.text) };
      case 'services':
        return { kind, source, tree: parseServices(source.text) };
      case 'inetd':
        return { kind, source };
    }
  });
  const services = parsed.find((file): file is ServicesFile => file.kind === 'services');
  const resolver = services ? servicePorts(services.tree) : fallbackResolver;
  return parsed.map((file) => {
    if (file.kind !== 'inetd' || 'tree' in file) return file as AuditedFile;
    const tree = parseInetd(file.source.text);
    return { kind: 'inetd', source: file.source, tree, services: inetdServices(tree, resolver) };
  });
}
