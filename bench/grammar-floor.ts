// The part of an audit that any chevrotain-based design pays: lexing and parsing a file with the inetd grammar alone,
// in a fresh process (cold, as in a real run, with the launcher's V8 settings), in the same runs of lines as the
// audit. Prints milliseconds as JSON.
//   npx tsx bench/grammar-floor.ts FILE
import { readFileSync } from 'node:fs';
import { parseInetdCst } from '../grammar/inetd/index.ts';
import { lineRuns } from '../src/syntax/inetd.ts';
import { tuneForShortRuns } from '../src/bin/v8-settings.ts';

tuneForShortRuns();

const text = readFileSync(process.argv[2]!, 'utf8');
let start = performance.now();
parseInetdCst('echo stream tcp nowait root internal\n');
const constructMs = performance.now() - start;
start = performance.now();
for (const { run } of lineRuns(text)) parseInetdCst(run);
console.log(JSON.stringify({ constructMs, lexAndParseMs: performance.now() - start }));
