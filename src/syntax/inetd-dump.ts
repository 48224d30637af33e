import { at, dumpLines, show } from './dump.ts';
import type { InetdNode, InetdRoot } from './inetd.ts';

function nodeLine(node: InetdNode): string {
  switch (node.type) {
    case 'entry': {
      const address = node.address ? ` address=${show(node.address)}` : '';
      const args = node.arguments.map(show).join(' ');
      return (
        `${at(node.position)} ${node.disabled ? 'disabled-entry' : 'entry'}${address} ` +
        `service=${show(node.service)} socket=${show(node.socketType)} protocol=${show(node.protocol)} ` +
        `wait=${show(node.wait)} user=${show(node.user)} server=${show(node.server)} args=[${args}]`
      );
    }
    case 'comment':
      return `${at(node.position)} comment ${JSON.stringify(node.value)}`;
    case 'defaultAddress':
      return `${at(node.position)} default-address ${show(node.address)}`;
    case 'bogus':
      return `${at(node.position)} bogus ${JSON.stringify(node.value)}`;
  }
}

export function dumpInetd(tree: InetdRoot): string {
  return dumpLines(tree.children.map(nodeLine), tree.errors);
}
