import type { RunOutcome } from './outcome.ts';
import type { CliStreams } from './streams.ts';

/**
 * What a command's definition gets from the program: the streams, and where its action hands over what to run.
 * Commands run only once the whole command line is parsed, so that a usage error anywhere runs nothing.
 */
export interface CommandContext<Request> {
  streams: CliStreams;
  /** A command that reads modules: the request its flags make, run by the run (replaceable in tests). */
  submit(request: Request, debug: boolean): void;
  /** A command that reads no modules: what it prints. */
  answer(execute: () => RunOutcome): void;
}
