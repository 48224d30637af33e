import type { Field, InetdNode, InetdRoot } from '../src/syntax/inetd.ts';
import type { Position } from '../src/syntax/position.ts';

function at(position: Position): string {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`;
}

function show(field: Field): string {
  return JSON.stringify(field.value);
}

function nodeLine(node: InetdNode): string {
  switch (node.type) {
    case 'entry': {
      const address = node.address ? ` address=${show(node.address)}` : '';
      const args = node.arguments.map(show).join(' ');
      return `${at(node.position)} ${node.disabled ? 'disabled-entry' : 'entry'}${address} service=${show(node.service)} socket=${show(node.socketType)} protocol=${show(node.protocol)} wait=${show(node.wait)} user=${show(node.user)} server=${show(node.server)} args=[${args}]`;
    }
    case 'comment':
      return `${at(node.position)} comment ${JSON.stringify(node.value)}`;
    case 'defaultAddress':
      return `${at(node.position)} default-address ${show(node.address)}`;
    case 'bogus':
      return `${at(node.position)} bogus ${JSON.stringify(node.value)}`;
  }
}

/** A tree as one line a node and one line an error: the form the grammar goldens are reviewed in. */
export function dumpTree(tree: InetdRoot): string {
  const lines = tree.children.map(nodeLine);
  for (const error of tree.errors) lines.push(`${at(error.position)} error ${JSON.stringify(error.message)}`);
  return `${lines.join('\n')}\n`;
}
