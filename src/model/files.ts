import { inetdServices, type InetdService, type PortResolver } from './inetd.ts';
import { parseInetd, type InetdRoot } from '../syntax/inetd.ts';
import { parseMacro } from '../syntax/macro.ts';
import type { MacroRoot } from '../syntax/macro-tree.ts';
import { parseServices, servicePorts, type ServicesRoot } from '../syntax/services.ts';
import { LineIndex } from '../syntax/position.ts';
import type { Source } from '../syntax/source.ts';
import { parseTelnetAdmin, type TelnetAdminRoot } from '../syntax/telnet-admin.ts';

export type FileKind = 'inetd' | 'macro' | 'telnet-admin' | 'services';
export const fileKinds: readonly FileKind[] = ['inetd', 'macro', 'telnet-admin', 'services'];

/** What every parsed file has: its source and the line index its positions were computed with. */
interface ParsedFile {
  source: Source;
  lines: LineIndex;
}

export interface InetdFile extends ParsedFile {
  kind: 'inetd';
  tree: InetdRoot;
  services: InetdService[];
}

export interface MacroFile extends ParsedFile {
  kind: 'macro';
  tree: MacroRoot;
}

export interface TelnetAdminFile extends ParsedFile {
  kind: 'telnet-admin';
  tree: TelnetAdminRoot;
}

export interface ServicesFile extends ParsedFile {
  kind: 'services';
  tree: ServicesRoot;
}

export type AuditedFile = InetdFile | MacroFile | TelnetAdminFile | ServicesFile;

export interface SourceOfKind {
  source: Source;
  kind: FileKind;
}

/** Parses each file with the grammar of its kind; inetd service names resolve through the module's services file. */
export function parseModuleFiles(inputs: readonly SourceOfKind[], fallbackResolver?: PortResolver): AuditedFile[] {
  const parsed = inputs.map(({ source, kind }): AuditedFile | { kind: 'inetd'; source: Source; lines: LineIndex } => {
    const lines = new LineIndex(source.text);
    switch (kind) {
      case 'macro':
        return { kind, source, lines, tree: parseMacro(source.text, lines) };
      case 'telnet-admin':
        return { kind, source, lines, tree: parseTelnetAdmin(source.text, lines) };
      case 'services':
        return { kind, source, lines, tree: parseServices(source.text, lines) };
      case 'inetd':
        return { kind, source, lines };
    }
  });
  const services = parsed.find((file): file is ServicesFile => file.kind === 'services');
  const resolver = services ? servicePorts(services.tree) : fallbackResolver;
  return parsed.map((file) => {
    if (file.kind !== 'inetd' || 'tree' in file) return file as AuditedFile;
    const tree = parseInetd(file.source.text, file.lines);
    return { kind: 'inetd', source: file.source, lines: file.lines, tree, services: inetdServices(tree, resolver) };
  });
}
