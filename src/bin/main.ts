import { main } from '../cli/program.ts';
import { reportWriteFailures } from '../io/standard-streams.ts';

reportWriteFailures();
process.exitCode = main(process.argv);
