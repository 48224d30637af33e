import type { CstNode, IToken } from 'chevrotain';
import { parseServicesCst } from '../../grammar/services/index.ts';
import { tokenEnd } from '../../grammar/types.ts';
import { tokenField, type Field } from './field.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

export interface ServiceEntry {
  type: 'service';
  name: Field;
  port: number;
  protocol: string;
  aliases: Field[];
  position: Position;
}

export interface ServicesRoot {
  type: 'root';
  kind: 'services';
  children: ServiceEntry[];
  position: Position;
  errors: ParseError[];
}

/** Parses an STCP `services` file (services(5) format). */
export function parseServices(text: string, index = new LineIndex(text)): ServicesRoot {
  const parsed = parseServicesCst(text);
  const children = ((parsed.cst.children.entry as CstNode[] | undefined) ?? []).map((node): ServiceEntry => {
    const name = (node.children.name as IToken[])[0]!;
    const portToken = (node.children.port as IToken[])[0]!;
    const aliases = ((node.children.alias as IToken[] | undefined) ?? []).map(tokenField);
    const [port, protocol] = portToken.image.split('/');
    const end = aliases.length > 0 ? aliases[aliases.length - 1]!.end : tokenEnd(portToken);
    return {
      type: 'service',
      name: tokenField(name),
      port: Number(port),
      protocol: protocol!.toLowerCase(),
      aliases,
      position: index.position({ start: name.startOffset, end }),
    };
  });
  return {
    type: 'root',
    kind: 'services',
    children: children.sort((a, b) => a.position.start.offset - b.position.start.offset),
    position: index.position({ start: 0, end: text.length }),
    errors: parsed.errors.map((e) => placeError(e, index)),
  };
}

/** A resolver from service names (and aliases) to ports, from a services file. */
export function servicePorts(root: ServicesRoot): (name: string) => number | undefined {
  const ports = new Map<string, number>();
  for (const entry of root.children) {
    for (const name of [entry.name, ...entry.aliases]) if (!ports.has(name.value)) ports.set(name.value, entry.port);
  }
  return (name) => (/^\d{1,5}$/.test(name) ? Number(name) : ports.get(name));
}
