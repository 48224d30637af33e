// The long robustness campaign, beyond what the tests run on every commit:
//   1. fuzzing every grammar and the fix loop with fresh seeds and many runs, and the macro model against an
//      interpreter that runs every assignment of the conditions;
//   2. adversarial lines (long runs of what each lexer pattern matches) against a time budget;
//   3. the limits: a 100 MB file, 100,000 files, a symbolic-link loop, through the real CLI;
//   4. each language at its size limit, with time and peak memory;
//   5. tcpd's verdicts against Debian's tcpdmatch on fresh random policies (when tcpdmatch is installed);
//   6. macros that once blew up, with time and peak memory, through the real CLI;
//   7. the firewall of 1,000 modules of one system, in each format, with time, peak memory and output size;
//   8. verify's nmap scans and tcpd's pattern files at their limits, with time and peak memory, through the CLI.
// Prints a table per part and exits 1 if anything failed.
//   npx tsx bench/robustness.ts [--runs N]
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { defaultSettings } from '../src/model/settings.ts';
import { auditModule } from '../src/engine/audit.ts';
import { fileKinds, languageOf, type FileKind } from '../src/languages/registry.ts';
import { decodeSource } from '../src/syntax/source.ts';
import { relexed, treeOf } from '../test/support/languages.ts';
import { modelAgreesWithInterpreter } from '../test/support/macro-flow-differential.ts';
import { misplacedPositions } from '../test/support/positions.ts';
import { commandLine, count } from '../scripts/lib/command-line.mjs';
import { maxScanBytes } from '../src/scan/nmap-scan.ts';
import { maxPatternFileBytes } from '../src/model/tcpd-pattern-file.ts';
import { scanBombs } from './lib/scan-bombs.ts';
import {
  hasTcpdmatch,
  policyArbitrary,
  requestPairs,
  tcpdmatchVerdicts,
  vosAuditVerdicts,
  writePolicy,
} from '../test/support/tcpd.ts';

const usage = 'usage: npx tsx bench/robustness.ts [--runs N]   (N: default 20000)';
const { values } = commandLine({
  usage,
  about: 'The long robustness campaign: fuzzing with fresh seeds, adversarial lines against a time budget, the limits.',
  options: { runs: { type: 'string' } },
});
const runs = count(String(values.runs ?? '20000'), '--runs', usage);
const cli = join(import.meta.dirname, '..', 'dist', 'vos-audit.js');
let failed = false;

function table(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}\n\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function check(kind: FileKind, text: string): void {
  if (relexed(text, kind) !== text) throw new Error('tokens do not give back the text');
  const problems = misplacedPositions(kind, text);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

// 1. Fuzzing.
const fuzzRows: string[][] = [];
for (const kind of fileKinds) {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.array(fc.constantFrom(...languageOf(kind).fuzzPieces), { maxLength: 200 }).map((p) => p.join('')),
  );
  const started = Date.now();
  const result = fc.check(
    fc.property(text, (t) => check(kind, t)),
    { numRuns: runs },
  );
  failed ||= result.failed;
  fuzzRows.push([
    kind,
    'parse',
    String(result.numRuns),
    result.failed ? `FAILED: ${JSON.stringify(result.counterexample)}` : 'ok',
    `${Date.now() - started} ms`,
  ]);
}
{
  const piece = (kind: FileKind) =>
    fc.array(fc.constantFrom(...languageOf(kind).fuzzPieces), { maxLength: 150 }).map((p) => p.join(''));
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
      const again = auditModule(
        {
          name: 'm',
          files: files.map((f, i) => ({ ...f, source: { ...f.source, text: fixed.files[i]!.output } })),
          settings: defaultSettings,
        },
        request,
      );
      if (again.files.some((f, i) => f.output !== fixed.files[i]!.output))
        throw new Error('a second fix pass changed the files');
    }),
    { numRuns: Math.ceil(runs / 10) },
  );
  failed ||= result.failed;
  fuzzRows.push([
    'module',
    'fix to a fixed point',
    String(result.numRuns),
    result.failed ? `FAILED: ${JSON.stringify(result.counterexample)}` : 'ok',
    `${Date.now() - started} ms`,
  ]);
}
{
  const started = Date.now();
  const result = fc.check(modelAgreesWithInterpreter, { numRuns: Math.ceil(runs / 10) });
  failed ||= result.failed;
  fuzzRows.push([
    'macro model',
    'agrees with an interpreter',
    String(result.numRuns),
    result.failed ? `FAILED: ${String(result.errorInstance)}` : 'ok',
    `${Date.now() - started} ms`,
  ]);
}
table(
  `Fuzzing (${runs.toLocaleString('en')} cases a grammar, random seeds)`,
  ['grammar', 'property', 'cases', 'result', 'time'],
  fuzzRows,
);

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
  ['macro', 'quotes × n', (n) => "'".repeat(n)],
  ['macro', "'&a' repeated (no closing &)", (n) => '&a'.repeat(n / 2)],
  ['macro', "'(' × n / 10", (n) => '('.repeat(n / 10)],
  ['macro', "'& x' comment lines, n / 10 of them", (n) => '& x\n'.repeat(n / 10)],
  ['telnet-admin', "'-' × n under a header", (n) => `Service Port\n${'-'.repeat(n)}`],
  ['services', "'9' × n then '/tcp'", (n) => `x ${'9'.repeat(n)}/tcp`],
  ['hosts-access', "'[' × n in a client list", (n) => `tftpd: ${'['.repeat(n)}`],
  ['hosts-access', 'escaped colons repeated in the options', (n) => `tftpd: ALL: spawn ${'\\:'.repeat(n / 2)}`],
  ['hosts-access', 'one pattern continued over n / 3 lines', (n) => `${'a\\\n'.repeat(n / 3)}: ALL\n`],
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
table(
  `Adversarial lines (budget ${budgetMs} ms at 1 MB; 4.0 = linear)`,
  ['grammar', 'input', '250 kB', '1 MB', 'ratio', 'result'],
  adversarialRows,
);

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
  limitRows.push([
    'a tree with symbolic-link loops',
    `${r.ms.toFixed(0)} ms`,
    `exit ${r.status}`,
    r.stderr || '(audited; links to directories are not followed)',
  ]);
}
for (const row of limitRows) if (!/^exit [012]$/.test(row[2]!)) failed = true;
table('Limits, through the CLI', ['input', 'time', 'exit', 'what it said'], limitRows);

// 4. Each language at its size limit, the worst inputs found for it, through the real CLI: each must finish in
// seconds and well under a gigabyte (targets: 10 s and 1 GB).
function fill(limit: number, line: (i: number) => string, header = ''): string {
  const parts = [header];
  let size = header.length;
  for (let i = 0; size + 200 < limit; i++) {
    const next = line(i);
    parts.push(next);
    size += next.length;
  }
  return parts.join('');
}
const worst: Array<[FileKind, string, string, (limit: number) => string]> = [
  [
    'inetd',
    'inetd.conf',
    'active tiny services and duplicates, every line a finding',
    (limit) =>
      fill(
        limit,
        (i) =>
          `${['echo', 'chargen', 'daytime', 'tftp'][i % 4]} ${i % 2 ? 'dgram udp wait' : 'stream tcp nowait'} root internal\n`,
      ),
  ],
  [
    'macro',
    'module_start_up.cm',
    'start_process lines',
    (limit) => fill(limit, (i) => `start_process 'telnet_msd.pm -network_port ${i % 60000}' -privileged\n`),
  ],
  [
    'macro',
    'module_start_up.cm',
    'nested &if (a) &then &do',
    (limit) => {
      const n = Math.floor(limit / 46);
      return `${'&if (a) &then &do\n'.repeat(n)}start_process 'portmap.pm'\n${'&end\n'.repeat(n)}`;
    },
  ],
  [
    'telnet-admin',
    'telnet_admin.txt',
    'listener rows',
    (limit) => fill(limit, (i) => `svc${i}  ${i % 65000}  dev${i}  login\n`, 'Service  Port  Device  Type\n'),
  ],
  [
    'services',
    'services',
    'entries with aliases',
    (limit) => fill(limit, (i) => `svc${i} ${i % 65000}/tcp alias${i} other${i}\n`),
  ],
  [
    'hosts-access',
    'hosts.allow',
    'rules with nested EXCEPT lists and options',
    (limit) =>
      fill(
        limit,
        (i) =>
          `tftpd in.d${i}: 10.${i % 250}. EXCEPT 10.${i % 250}.1. EXCEPT 10.${i % 250}.1.${i % 250} : severity auth.info : allow\n`,
      ),
  ],
  [
    'hosts-access',
    'hosts.allow',
    'plain rules naming distinct networks (none shadows another)',
    (limit) => fill(limit, (i) => `d${i} x${i}: 10.${i % 250}.${i % 200}. 10.${(i + 7) % 250}.${i % 100}.${i % 250}\n`),
  ],
];
/** The CLI run in `cwd` with its time and peak memory (GNU time's maximum resident set). */
function timedCli(args: string[], cwd: string, stdout?: string): { status: number | null; ms: number; mb: number } {
  const started = performance.now();
  const out = stdout === undefined ? 'ignore' : openSync(stdout, 'w');
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') closeSync(out);
  return {
    status: result.status,
    ms: performance.now() - started,
    mb: Number(result.stderr.trim().split('\n').pop()) / 1024,
  };
}
/** The bytes of every file under `dir`. */
function treeBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum + (entry.isDirectory() ? treeBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0,
  );
}
const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes / 1024} kB` : `${bytes / 1024 / 1024} MB`);
const atLimitRows = worst.map(([kind, name, what, make]) => {
  const dir = mkdtempSync(join(work, 'at-limit-'));
  writeFileSync(join(dir, name), make(languageOf(kind).maxBytes));
  const { status, ms, mb } = timedCli([name], dir);
  const ok = (status === 0 || status === 1) && ms < 10_000 && mb < 1024;
  if (!ok) failed = true;
  return [
    kind,
    what,
    sizeText(languageOf(kind).maxBytes),
    `${ms.toFixed(0)} ms`,
    `${mb.toFixed(0)} MB`,
    ok ? 'ok' : `FAILED (exit ${status})`,
  ];
});
table(
  'Each language at its size limit (target: under 10 s and 1 GB)',
  ['language', 'input', 'size', 'time', 'peak RSS', 'result'],
  atLimitRows,
);

// 5. tcpd's verdicts against tcpdmatch's, on policies the tests have not seen.
if (hasTcpdmatch) {
  const dir = mkdtempSync(join(tmpdir(), 'vos-audit-tcpdmatch-'));
  const policies = Math.min(500, runs);
  let comparisons = 0;
  const differences: string[][] = [];
  const started = Date.now();
  for (const files of fc.sample(policyArbitrary(join(dir, 'clients.list')), policies)) {
    spawnSync('sh', ['-c', 'rm -f hosts.allow hosts.deny clients.list'], { cwd: dir });
    writePolicy(dir, files);
    const expected = tcpdmatchVerdicts(dir, requestPairs);
    const got = vosAuditVerdicts(files, requestPairs);
    comparisons += requestPairs.length;
    got.forEach((verdict, i) => {
      if (verdict !== expected[i])
        differences.push([JSON.stringify(files), requestPairs[i]!.join(' '), expected[i]!, verdict]);
    });
  }
  rmSync(dir, { recursive: true, force: true });
  if (differences.length > 0) failed = true;
  table(
    `tcpdmatch differential: ${policies} policies, ${comparisons} comparisons, ${differences.length} different, ${Date.now() - started} ms`,
    ['policy', 'request', 'tcpdmatch', 'vos-audit'],
    differences.slice(0, 20),
  );
}

// 6. Macros that blew up: each a module of its own, audited by `ports`. (A 20 MB quoted string, which overflowed
// the stack, is over the macro's size limit now; the tests parse one directly.)
const blowups: Array<[string, Array<[string, string]>]> = [
  [
    '8 lines doubling a variable under a condition',
    [
      [
        'module_start_up.cm',
        `&set_string x ab\n${'&if (exists -file a) &then &set_string x &x&&x&\n'.repeat(6)}start_process &x&>sshd.pm\n`,
      ],
    ],
  ],
  [
    '24 ten-byte macros, each running the next twice',
    [
      ...Array.from({ length: 24 }, (_, i): [string, string] => [
        i === 0 ? 'module_start_up.cm' : `m${i}.cm`,
        `m${i + 1}\nm${i + 1}\n`,
      ]),
      ['m24.cm', "start_process 'sshd.pm'\n"],
    ],
  ],
  [
    'a chain of 2,000 macro calls',
    [
      ...Array.from({ length: 2000 }, (_, i): [string, string] => [
        i === 0 ? 'module_start_up.cm' : `m${i}.cm`,
        `m${i + 1}\n`,
      ]),
      ['m2000.cm', "start_process 'sshd.pm'\n"],
    ],
  ],
  [
    '20,000 nested &if … &then &do',
    [
      [
        'module_start_up.cm',
        `${'&if (exists -file a) &then &do\n'.repeat(20_000)}start_process 'sshd.pm'\n${'&end\n'.repeat(20_000)}`,
      ],
    ],
  ],
  [
    'a macro testing 40 conditions (past the cap)',
    [
      [
        'module_start_up.cm',
        Array.from({ length: 40 }, (_, i) => `&if (exists -file f${i}) &then start_process 'd${i}.pm'\n`).join(''),
      ],
    ],
  ],
];
const blowupRows = blowups.map(([what, macros]) => {
  const dir = mkdtempSync(join(work, 'blowup-'));
  for (const [name, text] of macros) writeFileSync(join(dir, name), text);
  const { status, ms, mb } = timedCli(['ports', '.'], dir);
  const outcome = status !== 0 ? `FAILED: exit ${status}` : ms > 10_000 || mb > 1024 ? 'OVER 10 s or 1 GB' : 'ok';
  if (outcome !== 'ok') failed = true;
  return [what, `${ms.toFixed(0)} ms`, `${mb.toFixed(0)} MB`, outcome];
});
table('Macros that once blew up (budget 10 s and 1 GB each)', ['input', 'time', 'peak memory', 'result'], blowupRows);

// 7. The firewall of 1,000 modules of one system: each names the others as OSL peers, which the formats must write
// as one group, not as each module naming each other. Budget: 500 MB each, 5 MB of output for the formats a
// firewall loads (the table and JSON are reported, one row per rule), and 5 s, or on a machine slowed by other
// work, 1.5 × the time the audit takes on the same modules in the same run (the model and the rules, which the
// policy is derived from).
{
  const dir = join(work, 'firewall-system');
  const sample = join(import.meta.dirname, '..', 'samples', 'firewall-osl-system', 'm1');
  for (let i = 0; i < 1000; i++) {
    const module = join(dir, `m${String(i).padStart(4, '0')}`);
    mkdirSync(module, { recursive: true });
    for (const name of ['inetd.conf', 'module_start_up.cm', 'telnet_admin.txt'])
      writeFileSync(join(module, name), readFileSync(join(sample, name)));
    const settings = { release: '17.1', products: ['S270'], system: 'big', maxOpenServer: 100 };
    writeFileSync(
      join(module, '.vos-audit.json'),
      JSON.stringify({ ...settings, address: `10.0.${i >> 8}.${i & 255}` }),
    );
  }
  const loadable = new Set(['nftables', 'iptables', 'capirca']);
  const reference = timedCli(['firewall-system'], work);
  const rows = ['nftables', 'iptables', 'capirca', 'json', 'table'].map((format) => {
    const output = join(work, `firewall.${format}`);
    const args = [
      'firewall',
      '--format',
      format,
      ...(format === 'capirca' ? ['--output', output] : []),
      'firewall-system',
    ];
    const { status, ms, mb } = timedCli(args, work, format === 'capirca' ? undefined : output);
    const bytes = format === 'capirca' ? treeBytes(output) : statSync(output).size;
    const ratio = ms / reference.ms;
    const over = (ms > 5_000 && ratio > 1.5) || mb > 500 || (loadable.has(format) && bytes > 5 * 1024 * 1024);
    const outcome = status !== 0 ? `FAILED: exit ${status}` : over ? 'OVER budget' : 'ok';
    if (outcome !== 'ok') failed = true;
    const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return [format, `${ms.toFixed(0)} ms`, ratio.toFixed(2), `${mb.toFixed(0)} MB`, size, outcome];
  });
  table(
    `The firewall of 1,000 modules of one system (budget 5 s or 1.5 × the audit, 500 MB; 5 MB of output for nftables, iptables, capirca); the audit of the same modules: ${reference.ms.toFixed(0)} ms, ${reference.mb.toFixed(0)} MB`,
    ['format', 'time', '× audit', 'peak memory', 'output', 'result'],
    rows,
  );
}

// 8. Resources at the limits: nmap scans for verify, in each format, and tcpd pattern files.
const stockPosix = join(import.meta.dirname, '..', 'samples', 'stock-posix');
const resourceRows: string[][] = [];
const resourceRow = (what: string, size: string, expected: number[], r: ReturnType<typeof timedCli>) => {
  const ok = expected.includes(r.status ?? -1) && r.ms < 10_000 && r.mb < 1024;
  if (!ok) failed = true;
  resourceRows.push([
    what,
    size,
    `${r.ms.toFixed(0)} ms`,
    `${r.mb.toFixed(0)} MB`,
    `exit ${r.status}`,
    ok ? 'ok' : 'FAILED',
  ]);
};
for (const [what, make] of scanBombs) {
  const dir = mkdtempSync(join(work, 'scan-'));
  writeFileSync(join(dir, 'scan.xml'), make(maxScanBytes - 1024));
  const nested = what.startsWith('elements nested');
  for (const format of nested ? ['text'] : ['text', 'json', 'sarif']) {
    const args = ['verify', '--scan', 'scan.xml', '--address', '10.1.2.3', '--format', format, stockPosix];
    resourceRow(`verify: ${what} (${format})`, sizeText(maxScanBytes), nested ? [2] : [0, 1], timedCli(args, dir));
  }
}
{
  const dir = mkdtempSync(join(work, 'over-scan-'));
  writeFileSync(join(dir, 'scan.xml'), scanBombs[0]![1](maxScanBytes + 1024));
  const args = ['verify', '--scan', 'scan.xml', '--address', '10.1.2.3', stockPosix];
  resourceRow('verify: a scan past the limit', `${sizeText(maxScanBytes)} + 1 kB`, [2], timedCli(args, dir));
}
{
  // hosts.allow at its limit naming an inetd.conf at the pattern file's limit, whose comment lines hold patterns that
  // are looked up: globs by their longest literal run (some matching the clients, or none), addresses and names.
  const tftp = 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n';
  const hostsLimit = languageOf('hosts-access').maxBytes;
  const patternFiles: Array<[string, (i: number) => string]> = [
    ['globs', (i) => `# ${i % 250}.*.${i % 7}? *.${i}.x\n`],
    ['globs that match no client', (i) => `# *z${i}* ?z${i}?*\n`],
    ['addresses and names', (i) => `# 10.${i % 250}.${(i >> 8) % 250}.${i % 200} h${i}.example\n`],
  ];
  const allows: Array<[string, string]> = [
    [
      'a rule a client, each naming the file',
      fill(hostsLimit, (i) => `tftpd: 10.${i % 250}.${i >> 8}.${i % 100} /inetd.conf\n`),
    ],
    ['one rule of prefixes, then the file', `tftpd: ${fill(hostsLimit - 100, (i) => `${i}. `)} /inetd.conf\n`],
  ];
  for (const [patterns, line] of patternFiles)
    for (const [rules, allow] of allows) {
      const dir = mkdtempSync(join(work, 'pattern-file-'));
      writeFileSync(join(dir, 'inetd.conf'), fill(maxPatternFileBytes, line, tftp));
      writeFileSync(join(dir, 'hosts.allow'), allow);
      writeFileSync(join(dir, 'hosts.deny'), 'ALL: ALL\n');
      const r = timedCli(['ports', '.'], dir);
      resourceRow(`tcpd: a pattern file of ${patterns}; hosts.allow: ${rules}`, sizeText(hostsLimit), [0], r);
    }
}
table(
  'Resources at the limits (budget 10 s and 1 GB each)',
  ['input', 'size', 'time', 'peak memory', 'exit', 'result'],
  resourceRows,
);

process.exitCode = failed ? 1 : 0;
