// The long robustness campaign, beyond what the tests run on every commit:
//   1. fuzzing every grammar and the fix loop with fresh seeds and many runs, and the macro model against an
//      interpreter that runs every assignment of the conditions;
//   2. adversarial lines (long runs of what each lexer pattern matches) against a time budget;
//   3. the limits: a 100 MB file, 100,000 files, a symbolic-link loop, through the real CLI;
//   4. macros that once blew up (issue 12 items 6 and 9), with time and peak memory, through the real CLI.
// Prints a table per part and exits 1 if anything failed.
//   npx tsx bench/robustness.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { defaultSettings } from '../src/model/settings.ts';
import { auditModule } from '../src/engine/audit.ts';
import { fileKinds, type FileKind } from '../src/languages/registry.ts';
import { decodeSource } from '../src/syntax/source.ts';
import { modelAgreesWithInterpreter } from '../test/macro-flow-differential.ts';
import { relexed } from '../test/relex.ts';
import { treeOf } from '../test/trees.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20_000;
const cli = join(import.meta.dirname, '..', 'dist', 'vos-audit.js');
let failed = false;

function table(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}\n\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function check(kind: FileKind, text: string): void {
  if (relexed(text, kind) !== text) throw new Error('tokens do not give back the text');
  const tree = treeOf(kind, text);
  let previous = 0;
  for (const node of tree.children) {
    if (node.position.start.offset < previous || node.position.end.offset > text.length) throw new Error('a position is out of order or outside the text');
    previous = node.position.start.offset;
  }
}

const alphabet: Record<FileKind, string[]> = {
  inetd: ['echo', 'tftp', 'stream', 'dgram', 'tcp', 'udp6', 'rpc/udp', 'nowait.10', 'wait', 'root', 'internal', '>a>tcpd.pm', '#', '127.0.0.1:', ' ', '\t', '\n', '\r\n', '\r', '\u0000', '𝄞'],
  macro: ['&if', '&then', '&else', '&do', '&end', '&return', '&goto x', '&label x', 'start_process', "'", "''", '(', ')', ';', '&+', '& ', '&v&', '!', ' ', '\n', '\r', '\u0000', 'é'],
  'telnet-admin': ['Service', 'Port', 'telnet', '23', '--', '#', ' ', '\t', '\n', '\r\n', 'x'],
  services: ['telnet', '23/tcp', 'x/udp', '#', ' ', '\n', 'alias', '\u0000'],
};

// 1. Fuzzing.
const fuzzRows: string[][] = [];
for (const kind of fileKinds) {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), fc.array(fc.constantFrom(...alphabet[kind]), { maxLength: 200 }).map((p) => p.join('')));
  const started = Date.now();
  const result = fc.check(fc.property(text, (t) => check(kind, t)), { numRuns: runs });
  failed ||= result.failed;
  fuzzRows.push([kind, 'parse', String(result.numRuns), result.failed ? `FAILED: ${JSON.stringify(result.counterexample)}` : 'ok', `${Date.now() - started} ms`]);
}
{
  const piece = (kind: FileKind) => fc.array(fc.constantFrom(...alphabet[kind]), { maxLength: 150 }).map((p) => p.join(''));
  const request = { fix: true, suggestions: true };
  const started = Date.now();
  const result = fc.check(
    fc.property(piece('inetd'), piece('macro'), piece('telnet-admin'), (inetd, macro, listing) => {
      const files = [
        { source: decodeSource('inetd.conf', Buffer.from(inetd)), kind: 'inetd' as const },
        { source: decodeSource('module_start_up.cm', Buffer.from(macro)), kind: 'macro' as const },
        { source: decodeSource('telnet_admin.txt', Buffer.from(listing)), kind: 'telnet-admin' as const },
      ];
      const fixed = auditModule({ name: 'm', files, settings: defaultSettings }, request);
      const again = auditModule({ name: 'm', files: files.map((f, i) => ({ ...f, source: { ...f.source, text: fixed.files[i]!.output } })), settings: defaultSettings }, request);
      if (again.files.some((f, i) => f.output !== fixed.files[i]!.output)) throw new Error('a second fix pass changed the files');
    }),
    { numRuns: Math.ceil(runs / 10) },
  );
  failed ||= result.failed;
  fuzzRows.push(['module', 'fix to a fixed point', String(result.numRuns), result.failed ? `FAILED: ${JSON.stringify(result.counterexample)}` : 'ok', `${Date.now() - started} ms`]);
}
{
  const started = Date.now();
  const result = fc.check(modelAgreesWithInterpreter, { numRuns: Math.ceil(runs / 10) });
  failed ||= result.failed;
  fuzzRows.push(['macro model', 'agrees with an interpreter', String(result.numRuns), result.failed ? `FAILED: ${String(result.errorInstance)}` : 'ok', `${Date.now() - started} ms`]);
}
table(`Fuzzing (${runs.toLocaleString('en')} cases a grammar, random seeds)`, ['grammar', 'property', 'cases', 'result', 'time'], fuzzRows);

// 2. Adversarial lines: runs of what one token pattern matches, or nearly does, at 250 kB and 1 MB. A pattern that
// backtracks shows as time growing faster than the input: the ratio of the two times would be far above 4.
const megabyte = 1_000_000;
const adversarial: Array<[FileKind, string, (n: number) => string]> = [
  ['inetd', "'#' × n", (n) => '#'.repeat(n)],
  ['inetd', "' ' × n then a word", (n) => `${' '.repeat(n)}x`],
  ['inetd', "'nowait/' repeated", (n) => 'nowait/'.repeat(n / 7)],
  ['inetd', "'tcp,' repeated as a protocol", (n) => `echo stream ${'tcp,'.repeat(n / 4)} nowait root internal`],
  ['inetd', 'one field of n characters', (n) => 'x'.repeat(n)],
  ['inetd', "'[' × n then ':'", (n) => `${'['.repeat(n)}:echo stream tcp nowait root internal`],
  ['macro', "'&+ ' repeated in a comment", (n) => `& ${'&+ '.repeat(n / 3)}`],
  ['macro', "quotes × n", (n) => "'".repeat(n)],
  ['macro', "'&a' repeated (no closing &)", (n) => '&a'.repeat(n / 2)],
  ['macro', "'(' × n / 10", (n) => '('.repeat(n / 10)],
  ['macro', "'& x' comment lines, n / 10 of them", (n) => '& x\n'.repeat(n / 10)],
  ['telnet-admin', "'-' × n under a header", (n) => `Service Port\n${'-'.repeat(n)}`],
  ['services', "'9' × n then '/tcp'", (n) => `x ${'9'.repeat(n)}/tcp`],
];
const budgetMs = 5000;
function timeParse(kind: FileKind, text: string): number {
  // Only the parse is timed; checking the invariants afterwards costs more than it and is not what users wait for.
  const started = performance.now();
  treeOf(kind, text);
  return performance.now() - started;
}
const adversarialRows = adversarial.map(([kind, what, make]) => {
  let outcome = 'ok';
  let small = 0;
  let large = 0;
  try {
    small = timeParse(kind, make(megabyte / 4));
    const text = make(megabyte);
    large = timeParse(kind, text);
    check(kind, text);
  } catch (error) {
    outcome = `FAILED: ${String(error)}`;
  }
  const ratio = large / Math.max(small, 1);
  if (large > budgetMs) outcome = `OVER ${budgetMs} ms`;
  else if (ratio > 8 && large > 100) outcome = 'SUPERLINEAR';
  if (outcome !== 'ok') failed = true;
  return [kind, what, `${small.toFixed(0)} ms`, `${large.toFixed(0)} ms`, ratio.toFixed(1), outcome];
});
table(`Adversarial lines (budget ${budgetMs} ms at 1 MB; 4.0 = linear)`, ['grammar', 'input', '250 kB', '1 MB', 'ratio', 'result'], adversarialRows);

// 3. Limits, through the real CLI.
const work = mkdtempSync(join(tmpdir(), 'vos-audit-robustness-'));
function runCli(args: string[], cwd: string): { ms: number; status: number | null; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { ms: performance.now() - started, status: result.status, stderr: result.stderr.trim() };
}
const limitRows: string[][] = [];
{
  const dir = join(work, 'big');
  mkdirSync(dir);
  writeFileSync(join(dir, 'inetd.conf'), '');
  truncateSync(join(dir, 'inetd.conf'), 100 * 1024 * 1024);
  const r = runCli(['inetd.conf'], dir);
  limitRows.push(['a 100 MB inetd.conf', `${r.ms.toFixed(0)} ms`, `exit ${r.status}`, r.stderr]);
}
{
  const dir = join(work, 'many');
  for (let i = 0; i < 100_000; i++) {
    const module = join(dir, `m${Math.floor(i / 1000)}`, `s${i % 1000}`);
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  }
  const r = runCli(['ports', '.'], dir);
  limitRows.push(['100,000 files', `${r.ms.toFixed(0)} ms`, `exit ${r.status}`, r.stderr]);
}
{
  const dir = join(work, 'loop');
  mkdirSync(join(dir, 'm1', 'system'), { recursive: true });
  writeFileSync(join(dir, 'm1', 'system', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  symlinkSync('..', join(dir, 'm1', 'system', 'up'));
  symlinkSync(join(dir, 'm1'), join(dir, 'm1', 'again'));
  const r = runCli(['.'], dir);
  limitRows.push(['a tree with symbolic-link loops', `${r.ms.toFixed(0)} ms`, `exit ${r.status}`, r.stderr || '(audited; links to directories are not followed)']);
}
for (const row of limitRows) if (!/^exit [012]$/.test(row[2]!)) failed = true;
table('Limits, through the CLI', ['input', 'time', 'exit', 'what it said'], limitRows);

// 4. Macros that blew up: each a module of its own, audited by `ports`, timed with its peak memory.
function timedCli(args: string[], cwd: string): { ms: number; status: number | null; megabytes: number; stderr: string } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const lines = result.stderr.trim().split('\n');
  return { ms: performance.now() - started, status: result.status, megabytes: Number(lines.at(-1)) / 1024, stderr: lines.slice(0, -1).join(' ').slice(0, 120) };
}
const blowups: Array<[string, Array<[string, string]>]> = [
  ['8 lines doubling a variable under a condition', [['module_start_up.cm', `&set_string x ab\n${'&if (exists -file a) &then &set_string x &x&&x&\n'.repeat(6)}start_process &x&>sshd.pm\n`]]],
  ['24 ten-byte macros, each running the next twice', [...Array.from({ length: 24 }, (_, i): [string, string] => [i === 0 ? 'module_start_up.cm' : `m${i}.cm`, `m${i + 1}\nm${i + 1}\n`]), ['m24.cm', "start_process 'sshd.pm'\n"]]],
  ['a chain of 2,000 macro calls', [...Array.from({ length: 2000 }, (_, i): [string, string] => [i === 0 ? 'module_start_up.cm' : `m${i}.cm`, `m${i + 1}\n`]), ['m2000.cm', "start_process 'sshd.pm'\n"]]],
  ['a 20 MB quoted string', [['module_start_up.cm', `display_line '${'x'.repeat(20_000_000)}'\n`]]],
  ['20,000 nested &if … &then &do', [['module_start_up.cm', `${'&if (exists -file a) &then &do\n'.repeat(20_000)}start_process 'sshd.pm'\n${'&end\n'.repeat(20_000)}`]]],
  ['a macro testing 40 conditions (past the cap)', [['module_start_up.cm', Array.from({ length: 40 }, (_, i) => `&if (exists -file f${i}) &then start_process 'd${i}.pm'\n`).join('')]]],
];
const blowupRows = blowups.map(([what, macros]) => {
  const dir = join(work, `blowup-${blowups.findIndex(([w]) => w === what)}`);
  mkdirSync(dir);
  for (const [name, text] of macros) writeFileSync(join(dir, name), text);
  const r = timedCli(['ports', '.'], dir);
  const outcome = r.status !== 0 ? `FAILED: exit ${r.status} ${r.stderr}` : r.ms > 10_000 || r.megabytes > 1024 ? 'OVER 10 s or 1 GB' : 'ok';
  if (outcome !== 'ok') failed = true;
  return [what, `${r.ms.toFixed(0)} ms`, `${r.megabytes.toFixed(0)} MB`, outcome];
});
table('Macros that once blew up (budget 10 s and 1 GB each)', ['input', 'time', 'peak memory', 'result'], blowupRows);

process.exitCode = failed ? 1 : 0;
