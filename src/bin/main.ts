import { main } from '../cli/program.ts';
import { reportWriteFailures } from '../io/standard-streams.ts';

reportWriteFailures();
void main(process.argv).then((code) => {
  process.exitCode = code;
});
