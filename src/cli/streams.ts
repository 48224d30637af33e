import { readStandardInput } from '../io/read.ts';

/** Where the command line reads and writes: the process's own streams, or a test's. */
export interface CliStreams {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  readStandardInput: () => Buffer;
}

export const processStreams: CliStreams = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readStandardInput,
};

/** Colour only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org: set and not empty). */
export function colorWanted(flag: boolean, streams: CliStreams): boolean {
  return flag && !streams.env.NO_COLOR && streams.stdout.isTTY === true;
}
