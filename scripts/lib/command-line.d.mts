import type { ParseArgsConfig } from 'node:util';

export interface CommandLine {
  /** The usage line: `usage: node bench/x.mjs [--runs N]`. */
  usage: string;
  /** What the script does, printed after the usage by --help. */
  about?: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  min?: number;
  max?: number;
}

export function commandLine(spec: CommandLine): { values: Record<string, string | boolean | undefined>; positionals: string[] };
export function count(text: string, name: string, usage: string): number;
