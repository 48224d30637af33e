import { main } from './cli.ts';
import { reportWriteFailures } from './io/standard-streams.ts';

reportWriteFailures();
void main(process.argv).then((code) => {
  process.exitCode = code;
});
