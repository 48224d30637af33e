import { joinContinued, unquote } from '../syntax/macro.ts';
import type { MacroElement, MacroWord } from '../syntax/macro-tree.ts';

/**
 * The options of `start_process` that take a value ([D]: start_process's options are not public; these are the ones
 * site macros are seen to use). Any other option stands alone.
 */
const valueOptions = new Set([
  '-priority',
  '-process_name',
  '-output_path',
  '-current_dir',
  '-module',
  '-input_path',
  '-privileged_user',
]);

/** What a `start_process` statement runs: its command line, read as program and arguments. */
export type StartLine = { program: string; arguments: string[] } | { unreadable: string };

function isOption(word: MacroWord): boolean {
  return word.elements[0]?.kind !== 'string' && word.text.startsWith('-');
}

/**
 * The word that is the command line: start_process takes its options anywhere, before it or after it, so it is the
 * first word that is neither an option nor an option's value.
 */
function commandLineWord(words: readonly MacroWord[]): MacroWord | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!isOption(word)) return word;
    if (valueOptions.has(word.text.toLowerCase())) i++;
  }
  return undefined;
}

/**
 * The text an element of the command line stands for: a string's contents, or for `(string a b …)`, the function
 * that gives its arguments as one string, those arguments, over however many `&+` lines they continue.
 */
function commandText(element: MacroElement): string {
  const string = element.kind === 'call' ? /^\(string\s([\s\S]*)\)$/i.exec(element.text) : null;
  return string === null ? unquote(element) : joinContinued(string[1]!);
}

/**
 * Reads the arguments of `start_process` (the words after it): the program it starts and that program's
 * arguments, `'telnet_msd -network_port 2024'` → telnet_msd and [-network_port, 2024]. A quoted command line, or
 * one built by `(string …)`, may continue over `&+` lines. A command line in double quotes cannot be read: VOS quotes with `'`, so `"` is part of
 * the words, and the program's name would be a half-quoted word.
 */
export function readStartLine(words: readonly MacroWord[]): StartLine | undefined {
  const word = commandLineWord(words);
  if (word === undefined) return undefined;
  if (word.text.startsWith('"')) {
    const written = words.map((w) => w.text).join(' ');
    return {
      unreadable: `start_process ${written}: a double quote is not a VOS quote (VOS strings are in single quotes), so which program this starts cannot be read`,
    };
  }
  const [program = '', ...args] = word.elements.map(commandText).join('').trim().split(/\s+/);
  return { program, arguments: args };
}
