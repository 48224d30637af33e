import { canonicalDaemon, knownMacros } from '../catalog/daemons.ts';
import { lastPathComponent, programName } from '../catalog/program-name.ts';
import type { MacroFile } from './files.ts';
import { unquote } from '../syntax/macro.ts';
import type { MacroCondition, MacroStatement, MacroWord } from '../syntax/macro-tree.ts';
import { Place } from './place.ts';
import { readStartLine } from './start-line.ts';

/** A daemon a macro starts, directly or through the macros it runs. */
export interface StartEvent {
  daemon: string;
  /** The program as written, variables resolved where they could be. */
  program: string;
  /** `module_start_up.cm`, or the name of the macro that starts it (`start_stcp`). */
  startedBy: string;
  conditions: MacroCondition[];
  /** The start line is commented out (or the call of the macro that holds it is). */
  off: boolean;
  dead?: string;
  /** The calls that led to it, outermost first, then the start line itself. */
  evidence: Place[];
  /** The program's arguments, for daemons whose port is one (`telnet_msd -network_port 24`). */
  arguments: string[];
  /** The values an argument may have, its `&name&` variables replaced as they were set when the line ran. */
  argumentValues(argument: string): string[];
}

export interface MacroFacts {
  starts: StartEvent[];
  /** What the macros do that vos-audit could not decide, with where. */
  unresolved: Array<{ reason: string; place: Place }>;
  /** Calls of macros not among the module's files, with the conditions they run under: they may start anything. */
  unreadCalls: Array<Omit<Inherited, 'evidence'> & { place: Place }>;
}

interface Inherited {
  conditions: MacroCondition[];
  evidence: Place[];
  off: boolean;
  dead?: string;
}

function macroName(path: string): string {
  return programName(path).replace(/\.cm$/, '');
}

/** `!(master_disk)>system>stcp>start_stcp.cm`, `start_ntpd`, `>site>macros>start_portmap`: a macro being run. */
function calledMacro(command: string, macros: ReadonlyMap<string, MacroFile>): string | undefined {
  const name = macroName(command);
  if (/[>/]/.test(command) || /\.cm$/i.test(command) || macros.has(name) || knownMacros[name] !== undefined) return name;
  return undefined;
}

/** Replaces `&name&` with each value the variable may have; an unknown variable is left as written. */
function expand(text: string, variables: ReadonlyMap<string, string[]>): string[] {
  const match = /&\$?([A-Za-z_][\w$.]*)&/.exec(text);
  if (match === null) return [text];
  const values = variables.get(match[1]!.toLowerCase());
  if (values === undefined) return [text];
  const rest = text.slice(match.index + match[0].length);
  return values.flatMap((value) => expand(rest, variables).map((tail) => text.slice(0, match.index) + value + tail));
}

function wordValue(word: MacroWord): string {
  return word.elements.map(unquote).join('');
}

/** The command words of a statement: a command's own, or those written after `&then`/`&else` on its line. */
function commandWords(statement: MacroStatement): MacroWord[] | undefined {
  if (statement.directive === undefined) return statement.words;
  if ((statement.directive === 'then' || statement.directive === 'else') && statement.words.length > 0) return statement.words;
  return undefined;
}

/**
 * Follows a macro's statements, and the macros it runs that are among the module's files (each at most once per
 * path, so a macro that calls itself is followed once), collecting every daemon started and under what conditions.
 */
export function macroStarts(entry: MacroFile, macros: ReadonlyMap<string, MacroFile>): MacroFacts {
  const facts: MacroFacts = { starts: [], unresolved: [], unreadCalls: [] };
  walk(entry, { conditions: [], evidence: [], off: false }, new Set([macroName(entry.source.path)]), macros, facts);
  return facts;
}

function walk(file: MacroFile, inherited: Inherited, active: Set<string>, macros: ReadonlyMap<string, MacroFile>, facts: MacroFacts): void {
  const variables = new Map<string, string[]>();
  const startedBy = lastPathComponent(file.source.path);
  for (const statement of file.tree.children) {
    if (statement.type !== 'statement') continue;
    const place = new Place(file.source.path, statement);
    const context: Inherited = {
      conditions: [...inherited.conditions, ...statement.conditions],
      evidence: [...inherited.evidence, place],
      off: inherited.off || statement.commentedOut,
      dead: inherited.dead ?? statement.dead,
    };
    if ((statement.directive === 'set_string' || statement.directive === 'set') && !statement.commentedOut && statement.words.length > 0) {
      const name = statement.words[0]!.text.toLowerCase();
      const value = statement.words.slice(1).map(wordValue).join(' ');
      const values = expand(value, variables);
      variables.set(name, statement.conditions.length === 0 ? values : [...(variables.get(name) ?? []), ...values]);
      continue;
    }
    const words = commandWords(statement);
    if (words === undefined || words.length === 0) continue;
    const command = words[0]!.text.replace(/^!/, '');
    if (command.toLowerCase() === 'start_process') {
      const line = readStartLine(words.slice(1));
      if (line === undefined) continue;
      if ('unreadable' in line) {
        if (!context.off) facts.unresolved.push({ reason: line.unreadable, place });
        continue;
      }
      // A program path built from a variable with several possible values may name the same daemon each time.
      const byDaemon = new Map<string, string[]>();
      for (const resolved of expand(line.program, variables)) {
        const daemon = canonicalDaemon(programName(resolved));
        byDaemon.set(daemon, [...(byDaemon.get(daemon) ?? []), resolved]);
      }
      const valuesThen = new Map(variables);
      const argumentValues = (argument: string) => expand(argument, valuesThen);
      for (const [daemon, programs] of byDaemon) facts.starts.push({ daemon, program: programs.join(' or '), startedBy, ...context, arguments: line.arguments, argumentValues });
      continue;
    }
    const called = calledMacro(command, macros);
    if (called === undefined) continue;
    const target = macros.get(called);
    if (target !== undefined && !active.has(called)) {
      active.add(called);
      walk(target, context, active, macros, facts);
      active.delete(called);
    } else if (target === undefined && knownMacros[called] !== undefined) {
      for (const daemon of knownMacros[called]!) facts.starts.push({ daemon, program: daemon, startedBy: called, ...context, arguments: [], argumentValues: (argument) => [argument] });
    } else if (target === undefined && !context.off) {
      // A commented-out call runs nothing, whatever the macro would start.
      facts.unresolved.push({ reason: `runs the macro ${command}, which is not among the module's files: what it starts is unknown`, place });
      facts.unreadCalls.push({ conditions: context.conditions, off: context.off, ...(context.dead !== undefined && { dead: context.dead }), place });
    }
  }
}
