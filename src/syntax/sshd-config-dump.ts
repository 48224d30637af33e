import { at, dumpLines, show } from './dump.ts';
import type { SshdConfigRoot } from './sshd-config.ts';

export function dumpSshdConfig(tree: SshdConfigRoot): string {
  const lines = tree.children.map(
    (d) =>
      `${at(d.position)} directive ${show(d.keyword)} [${d.arguments.map(show).join(' ')}]` +
      (d.match ? ` in-match=${d.match.position.start.line}` : ''),
  );
  return dumpLines(lines, tree.errors);
}
