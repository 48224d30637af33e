import type { Field } from '../../src/syntax/field.ts';
import type { HostsAccessRoot, HostsPattern } from '../../src/syntax/hosts-access.ts';
import type { InetdNode, InetdRoot } from '../../src/syntax/inetd.ts';
import type { MacroRoot, MacroStatement } from '../../src/syntax/macro-tree.ts';
import type { Position } from '../../src/syntax/position.ts';
import type { ServicesRoot } from '../../src/syntax/services.ts';
import type { TelnetAdminRoot } from '../../src/syntax/telnet-admin.ts';

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

function errorLines(errors: Array<{ position: Position; message: string }>): string[] {
  return errors.map((error) => `${at(error.position)} error ${JSON.stringify(error.message)}`);
}

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
  return `${[...lines, ...errorLines(tree.errors)].join('\n')}\n`;
}

export function dumpTelnetAdmin(tree: TelnetAdminRoot): string {
  const lines = [`columns=[${tree.columns.join(' ')}]`];
  for (const row of tree.children) {
    lines.push(
      `${at(row.position)} listener service=${show(row.service)} port=${show(row.port)} ${Object.entries(row.cells)
        .map(([k, v]) => `${k}=${show(v)}`)
        .join(' ')}`,
    );
  }
  return `${[...lines, ...errorLines(tree.errors)].join('\n')}\n`;
}

export function dumpServices(tree: ServicesRoot): string {
  const lines = tree.children.map(
    (e) =>
      `${at(e.position)} service name=${show(e.name)} port=${e.port} protocol=${e.protocol} aliases=[${e.aliases.map(show).join(' ')}]`,
  );
  return `${[...lines, ...errorLines(tree.errors)].join('\n')}\n`;
}

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
    return `${at(node.position)} ${node.ignored ? 'ignored-rule' : 'rule'} daemons=[${node.daemons.map(dumpPattern).join(' ')}] clients=[${node.clients.map(dumpPattern).join(' ')}]${options.length > 0 ? ` options=[${options.join(' ')}]` : ''}`;
  });
  return `${[...lines, ...errorLines(tree.errors)].join('\n')}\n`;
}
