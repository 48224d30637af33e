import { main } from './cli.ts';
import { reportWriteFailures } from './io/standard-streams.ts';

reportWriteFailures();
process.exitCode = main(process.argv);
