import { at, dumpLines, show } from './dump.ts';
import type { ServicesRoot } from './services.ts';

export function dumpServices(tree: ServicesRoot): string {
  const lines = tree.children.map(
    (e) =>
      `${at(e.position)} service name=${show(e.name)} port=${e.port} protocol=${e.protocol} aliases=[${e.aliases.map(show).join(' ')}]`,
  );
  return dumpLines(lines, tree.errors);
}
