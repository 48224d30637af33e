import { at, dumpLines } from './dump.ts';
import type { MacroRoot, MacroStatement } from './macro-tree.ts';

/**
 * Where control goes from a statement, when not simply to the next one: `5:1 if` (when its test holds), `7:1 else`,
 * `return`, `any label unsure` (a &goto to a variable's label).
 */
function flowText(tree: MacroRoot, statement: MacroStatement): string {
  const { statements, successors } = tree.flow;
  const from = statements.indexOf(statement);
  const edges = successors[from]!;
  if (edges.length === 1 && edges[0]!.to === from + 1 && !edges[0]!.test && !edges[0]!.unsure) return '';
  const target = (to: number) =>
    to === statements.length
      ? 'return'
      : to === statements.length + 1
        ? 'any label'
        : `${statements[to]!.position.start.line}:${statements[to]!.position.start.column}`;
  const text = edges.map(
    (edge) =>
      `${target(edge.to)}${edge.test ? (edge.test.holds ? ' if' : ' else') : ''}${edge.unsure ? ' unsure' : ''}`,
  );
  return ` flow=[${text.join(', ')}]`;
}

export function dumpMacro(tree: MacroRoot): string {
  const lines = tree.children.map((node) => {
    if (node.type === 'comment') return `${at(node.position)} comment ${JSON.stringify(node.value)}`;
    const head = node.directive ? `&${node.directive}` : 'command';
    const words = node.words
      .map(
        (w) =>
          `${JSON.stringify(w.text)}${w.elements.length > 1 || w.elements[0]!.kind !== 'word' ? `<${w.elements.map((e) => e.kind).join('+')}>` : ''}`,
      )
      .join(' ');
    return `${at(node.position)} ${node.commentedOut ? 'off ' : ''}${head} [${words}]${node.commentedOut ? '' : flowText(tree, node)}`;
  });
  return dumpLines(lines, tree.errors);
}
