import { at, dumpLines, show } from './dump.ts';
import type { HttpdConfRoot } from './httpd-conf.ts';

export function dumpHttpdConf(tree: HttpdConfRoot): string {
  const lines = tree.children.map(
    (node) =>
      `${at(node.position)} ${node.type} ${show(node.keyword)} [${node.arguments.map(show).join(' ')}]` +
      (node.sections.length > 0 ? ` in=[${node.sections.map((s) => s.position.start.line).join(' ')}]` : ''),
  );
  return dumpLines(lines, tree.errors);
}
