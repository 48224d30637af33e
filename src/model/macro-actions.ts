import { knownMacros } from '../catalog/daemons.ts';
import { programName } from '../catalog/program-name.ts';
import type { MacroStatement, MacroWord } from '../syntax/macro-tree.ts';
import { unquote } from '../syntax/macro.ts';
import type { MacroFile } from './files.ts';
import { readStartLine, type StartLine } from './start-line.ts';

function macroName(path: string): string {
  return programName(path).replace(/\.cm$/, '');
}

/** `!(master_disk)>system>stcp>start_stcp.cm`, `start_ntpd`, `>site>macros>start_portmap`: a macro being run. */
function calledMacro(command: string, macros: ReadonlyMap<string, MacroFile>): string | undefined {
  const name = macroName(command);
  if (/[>/]/.test(command) || /\.cm$/i.test(command) || macros.has(name) || knownMacros[name] !== undefined)
    return name;
  return undefined;
}

/**
 * `start_process '<build.cm …'`: the macro a process is started to run, named with `.cm`, or without a suffix and
 * among the module's macros (`ping.pm` is a program, whatever macros there are).
 */
function startedMacro(program: string, macros: ReadonlyMap<string, MacroFile>): string | undefined {
  const name = macroName(program);
  return /\.cm$/i.test(program) || (!/\.pm$/i.test(program) && macros.has(name)) ? name : undefined;
}

function wordValue(word: MacroWord): string {
  return word.elements.map(unquote).join('');
}

/** The command words of a statement: a command's own, or those written after `&then`/`&else` on its line. */
function commandWords(statement: MacroStatement): MacroWord[] | undefined {
  if (statement.directive === undefined) return statement.words;
  if ((statement.directive === 'then' || statement.directive === 'else') && statement.words.length > 0)
    return statement.words;
  return undefined;
}

/** What a statement does that the model follows. */
export type Action =
  | { kind: 'start'; line: StartLine }
  /** `inProcess`: `start_process 'x.cm'`, the macro run in a process of its own, which its caller does not wait for. */
  | { kind: 'call'; command: string; name: string; file?: MacroFile; inProcess?: true }
  | { kind: 'set'; name: string; value: string; arithmetic: boolean };

export function actionOf(statement: MacroStatement, macros: ReadonlyMap<string, MacroFile>): Action | undefined {
  if ((statement.directive === 'set_string' || statement.directive === 'set') && statement.words.length > 0) {
    return {
      kind: 'set',
      name: statement.words[0]!.text,
      value: statement.words.slice(1).map(wordValue).join(' '),
      arithmetic: statement.directive === 'set',
    };
  }
  const words = commandWords(statement);
  if (words === undefined || words.length === 0) return undefined;
  const command = words[0]!.text.replace(/^!/, '');
  if (command.toLowerCase() === 'start_process') {
    const line = readStartLine(words.slice(1));
    if (line === undefined || 'unreadable' in line) return line && { kind: 'start', line };
    const name = startedMacro(line.program, macros);
    if (name === undefined) return { kind: 'start', line };
    const file = macros.get(name);
    return { kind: 'call', command: line.program, name, ...(file && { file }), inProcess: true };
  }
  const name = calledMacro(command, macros);
  if (name === undefined) return undefined;
  const file = macros.get(name);
  return { kind: 'call', command, name, ...(file && { file }) };
}

export function statements(file: MacroFile): MacroStatement[] {
  return file.tree.children.filter((node): node is MacroStatement => node.type === 'statement');
}
