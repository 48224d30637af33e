// The part of an audit that any chevrotain-based design pays: lexing and parsing a file with the inetd grammar alone,
// in a fresh process (cold, as in a real run, with the launcher's V8 settings), in the same runs of lines as the
// audit. Prints milliseconds as JSON.
//   npx tsx bench/grammar-floor.ts FILE
import { readFileSync } from 'node:fs';
import { parseInetdCst } from '../grammar/inetd/index.ts';
import { lineRuns } from '../src/syntax/inetd.ts';
import { tuneForShortRuns } from '../src/bin/v8-settings.ts';
import { commandLine } from '../scripts/lib/command-line.mjs';

const { positionals } = commandLine({
  usage: 'usage: npx tsx bench/grammar-floor.ts FILE',
  about: 'Lexes and parses FILE with the inetd grammar alone; prints milliseconds as JSON.',
  min: 1,
  max: 1,
});
tuneForShortRuns();

const text = readFileSync(positionals[0]!, 'utf8');
let start = performance.now();
parseInetdCst('echo stream tcp nowait root internal\n');
const constructMs = performance.now() - start;
start = performance.now();
for (const { run } of lineRuns(text)) parseInetdCst(run);
console.log(JSON.stringify({ constructMs, lexAndParseMs: performance.now() - start }));
