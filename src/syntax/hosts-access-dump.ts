import { at, dumpLines } from './dump.ts';
import type { HostsAccessRoot, HostsPattern } from './hosts-access.ts';

function dumpPattern(pattern: HostsPattern): string {
  const qualifier = pattern.qualifier === undefined ? '' : `@${JSON.stringify(pattern.qualifier)}`;
  return `${pattern.kind}:${JSON.stringify(pattern.pattern)}${qualifier}`;
}

export function dumpHostsAccess(tree: HostsAccessRoot): string {
  const lines = tree.children.map((node) => {
    if (node.type === 'bogus') return `${at(node.position)} bogus`;
    const options = node.options.map(
      (o) =>
        `${JSON.stringify(o.keyword)}${o.argument === undefined ? '' : `=${JSON.stringify(o.argument)}`}${o.problem ? '!' : ''}`,
    );
    return (
      `${at(node.position)} ${node.ignored ? 'ignored-rule' : 'rule'} ` +
      `daemons=[${node.daemons.map(dumpPattern).join(' ')}] ` +
      `clients=[${node.clients.map(dumpPattern).join(' ')}]${options.length > 0 ? ` options=[${options.join(' ')}]` : ''}`
    );
  });
  return dumpLines(lines, tree.errors);
}
