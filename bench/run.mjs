// Measures vos-audit against reference commands in the same run, on this machine, and prints a Markdown table:
//   (a) a one-module audit against `node -e 0`, the start-up floor of any Node program, and `vos-audit --version`,
//       with and without the code cache (src/bin/launcher.cts);
//   (b) generated 2,000-, 20,000- and 28,000-line inetd.conf files (the last near the 2 MB limit) against Augeas's Inetd lens and `wc -l`, and at
//       20,000 lines against the inetd grammar alone (bench/grammar-floor.ts) in a fresh process;
//   (c) generated 10,000-line module_start_up.cm files (one testing 200 different conditions), the 912-line
//       site-shaped macro of bench/site-macro.mjs, and `vos-audit ports` over trees of 100 and 1,000 modules;
//   (d) `vos-audit --fix` on 200 generated modules against their audit, each fix on a fresh copy;
//   (e) with --suites, the wall time of `npm test` and `npm run test:e2e` (on a shared machine: under its lock).
// Then the table of targets: each row of the performance targets, what was measured, and met or missed.
// Wall time is the median of several runs; memory is the peak resident set size (GNU time's %M). The floor, the
// one-module audit and the 2,000- and 20,000-line audits are measured in rounds, one run of each in turn. Each
// command's output goes to /dev/null, as with hyperfine: read through a pipe by this script, a 5,000-line report
// took 60-90 ms longer, which is this script's time, not the command's.
//   node bench/run.mjs [--runs N] [--no-augeas] [--suites]
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/run.mjs [--runs N] [--no-augeas] [--suites]   (N: default 7)';
const { values } = commandLine({
  usage,
  about: 'Measures vos-audit against reference commands on this machine and prints the Markdown table of the README.',
  options: { runs: { type: 'string' }, 'no-augeas': { type: 'boolean' }, suites: { type: 'boolean' } },
});

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bundleOptions } = await import(join(root, 'scripts', 'build.mjs'));
const cli = join(root, 'dist', 'vos-audit.js');
const runs = count(values.runs ?? '7', '--runs', usage);
const withAugeas = values['no-augeas'] !== true && spawnSync('augtool', ['--version']).status === 0;

function runOnce({ command, args, env = process.env, prepare }) {
  prepare?.();
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, rssKb: Number(result.stderr.trim().split('\n').pop()) };
}

/** The median wall time and the largest peak memory of a command's runs. */
function summary(samples) {
  const walls = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return { ms: walls[Math.floor(walls.length / 2)], rssKb: Math.max(...samples.map((sample) => sample.rssKb)) };
}

function measure(command, args, times = runs, env = process.env) {
  return summary(Array.from({ length: times }, () => runOnce({ command, args, env })));
}

/**
 * Several commands, one run of each in turn per round rather than all the runs of one after the other: a slow spell
 * of the machine (they last minutes here) then weighs on all of them alike, and the floor stays comparable.
 */
function measureInterleaved(commands, times = runs) {
  const samples = commands.map(() => []);
  for (let round = 0; round < times; round++) commands.forEach((command, i) => samples[i].push(runOnce(command)));
  return samples.map(summary);
}

function generate(dir, lines, augeasSafe) {
  const file = join(dir, 'etc', 'inetd.conf');
  mkdirSync(dirname(file), { recursive: true });
  const args = [join(root, 'bench', 'generate-inetd.mjs'), String(lines), ...(augeasSafe ? ['--augeas-safe'] : [])];
  writeFileSync(file, spawnSync(process.execPath, args, { maxBuffer: 1 << 30 }).stdout);
  return file;
}

const work = mkdtempSync(join(tmpdir(), 'vos-audit-bench-'));
const inetdSizes = [2000, 20000, 28000];
const inetdFiles = new Map(inetdSizes.map((lines) => [lines, generate(join(work, `vos-${lines}`), lines, false)]));
const sample = join(root, 'samples', 'stock-posix');
// The rows with targets, and what they are measured against, interleaved; the largest file, run 3 times, apart.
const interleavedSizes = inetdSizes.filter((lines) => lines <= 20000);
const [floor, version, module, uncached, ...audits] = measureInterleaved([
  { command: process.execPath, args: ['-e', '0'] },
  { command: process.execPath, args: [cli, '--version'] },
  { command: process.execPath, args: [cli, sample] },
  { command: process.execPath, args: [cli, sample], env: { ...process.env, VOS_AUDIT_NO_CODE_CACHE: '1' } },
  ...interleavedSizes.map((lines) => ({ command: process.execPath, args: [cli, inetdFiles.get(lines)] })),
]);
const auditOf = (lines) =>
  interleavedSizes.includes(lines)
    ? audits[interleavedSizes.indexOf(lines)]
    : measure(process.execPath, [cli, inetdFiles.get(lines)], 3);
const rows = [];
const row = (what, m, note = '') =>
  rows.push(`| ${what} | ${m.ms.toFixed(0)} | ${(m.rssKb / 1024).toFixed(1)} | ${note} |`);
/** The performance targets, each with what was measured against it, in the order of the README's table. */
const targets = [];
const judge = (what, measured, target, met) =>
  targets.push(
    `| ${what} | ${measured} | ${target} | ${met === undefined ? 'not measured' : met ? 'met' : 'MISSED'} |`,
  );
const aboveNode = (m) => `${m.ms.toFixed(0)} ms = node + ${(m.ms - floor.ms).toFixed(0)} ms`;

row('`node -e 0` (start-up floor)', floor);
row('`vos-audit --version` (the bundle loaded, nothing read)', version);
row('vos-audit, one module (samples/stock-posix)', module);
judge('one module (samples/stock-posix)', aboveNode(module), 'node + 50 ms', module.ms <= floor.ms + 50);
judge('`--version` (bundle loaded, nothing read)', aboveNode(version), 'node + 20 ms', version.ms <= floor.ms + 20);
row('the same, without the code cache (as a first run)', uncached);

// The grammar alone, bundled like the CLI and run in a fresh process: what any chevrotain-based audit pays.
const grammarFloor = join(work, 'grammar-floor.js');
await build({ ...bundleOptions, entryPoints: [join(root, 'bench', 'grammar-floor.ts')], outfile: grammarFloor });
function grammarTimes(file) {
  const samples = Array.from({ length: runs }, () =>
    JSON.parse(spawnSync(process.execPath, [grammarFloor, file], { encoding: 'utf8' }).stdout),
  );
  const median = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { constructMs: median('constructMs'), lexAndParseMs: median('lexAndParseMs') };
}

const perLine = [];
for (const lines of inetdSizes) {
  const vosFile = inetdFiles.get(lines);
  const size = statSync(vosFile).size;
  const audit = auditOf(lines);
  const growth = (audit.rssKb - floor.rssKb) * 1024;
  perLine.push({ lines, ms: audit.ms - floor.ms, bytes: size, rssBytes: audit.rssKb * 1024 });
  const notes = [`${(size / 1e6).toFixed(2)} MB`, `memory above the floor ${(growth / size).toFixed(1)} × file size`];
  if (lines === 20000) {
    // What the file costs: the one-module run already holds Node.js, the bundle and every grammar.
    const added = ((audit.rssKb - module.rssKb) * 1024) / size;
    notes.push(`memory the file adds (above the one-module run) ${added.toFixed(1)} × file size`);
    judge(
      'memory a 20,000-line file adds (above the one-module run)',
      `${added.toFixed(1)} × the file`,
      '≤ 20 ×',
      added <= 20,
    );
    const grammar = grammarTimes(vosFile);
    notes.push(
      `of which the inetd grammar alone, in-process: ${grammar.constructMs.toFixed(0)} ms to build, ${grammar.lexAndParseMs.toFixed(0)} ms to lex and parse`,
    );
  }
  row(`vos-audit, ${lines.toLocaleString('en')} lines`, audit, notes.join('; '));
  row(`\`wc -l\`, ${lines.toLocaleString('en')} lines (read floor)`, measure('wc', ['-l', vosFile]));
  if (lines === 20000 && !withAugeas)
    judge(
      '20,000-line inetd.conf',
      `${audit.ms.toFixed(0)} ms; Augeas not run`,
      '≤ 400 ms and ≥ 20 × Augeas in the same run',
      undefined,
    );
  if (withAugeas && lines <= 20000) {
    const augRoot = join(work, `aug-${lines}`);
    generate(augRoot, lines, true);
    const augeas = measure(
      'augtool',
      ['-r', augRoot, '-A', '-t', 'Inetd incl /etc/inetd.conf', 'print', '/files/etc/inetd.conf'],
      lines > 2000 ? 1 : 3,
    );
    const ratio = augeas.ms / audit.ms;
    if (lines === 20000)
      judge(
        '20,000-line inetd.conf',
        `${audit.ms.toFixed(0)} ms, ${ratio.toFixed(1)} × faster than Augeas`,
        '≤ 400 ms and ≥ 20 × Augeas in the same run',
        audit.ms <= 400 && ratio >= 20,
      );
    row(
      `Augeas Inetd lens, ${lines.toLocaleString('en')} lines`,
      augeas,
      ratio >= 1 ? `vos-audit is ${ratio.toFixed(1)} × faster` : `Augeas is ${(1 / ratio).toFixed(1)} × faster`,
    );
  }
}

/** A module of one module_start_up.cm, written by a generator of bench/. */
function macroModule(name, script, args) {
  const dir = join(work, name);
  mkdirSync(dir);
  const file = join(dir, 'module_start_up.cm');
  writeFileSync(
    file,
    spawnSync(process.execPath, [join(root, 'bench', script), ...args], { maxBuffer: 1 << 30 }).stdout,
  );
  return { dir, file };
}
const macro = macroModule('macro', 'generate-macro.mjs', ['10000']);
const macroAudit = measure(process.execPath, [cli, macro.file], 3);
row(
  'vos-audit, 10,000-line module_start_up.cm (each block tests a file of its own)',
  macroAudit,
  `${(statSync(macro.file).size / 1e6).toFixed(2)} MB`,
);
judge(
  '10,000-line module_start_up.cm',
  `${macroAudit.ms.toFixed(0)} ms, ${(macroAudit.rssKb / 1024).toFixed(0)} MB`,
  '≤ 500 ms',
  macroAudit.ms <= 500,
);
const conditions = macroModule('conditions', 'generate-macro.mjs', ['--conditions', '200', '10000']);
row(
  'vos-audit, 10,000-line module_start_up.cm testing 200 different conditions',
  measure(process.execPath, [cli, conditions.file], 3),
  `${(statSync(conditions.file).size / 1e6).toFixed(2)} MB`,
);
// The site-shaped macro, audited as its module with the products it tests: the run a site makes.
const site = macroModule('site', 'site-macro.mjs', []);
const siteArgs = [cli, '--release', '17.1', '--products', 'S266,S269,S270', site.dir];
const [siteFloor, siteVersion, siteAudit] = measureInterleaved([
  { command: process.execPath, args: ['-e', '0'] },
  { command: process.execPath, args: [cli, '--version'] },
  { command: process.execPath, args: siteArgs },
]);
row(
  'vos-audit, the 912-line site-shaped module_start_up.cm (bench/site-macro.mjs)',
  siteAudit,
  `${(siteAudit.ms - siteVersion.ms).toFixed(0)} ms above \`vos-audit --version\` (${siteVersion.ms.toFixed(0)} ms) in the same rounds`,
);
judge(
  "a real site's 912-line macro (`ports`; the site-shaped macro of bench/site-macro.mjs, audited)",
  `${siteAudit.ms.toFixed(0)} ms = node + ${(siteAudit.ms - siteFloor.ms).toFixed(0)} ms`,
  'node + 60 ms',
  siteAudit.ms <= siteFloor.ms + 60,
);
const treeTimes = [];
for (const count of [100, 1000]) {
  const tree = join(work, `modules-${count}`);
  spawnSync(process.execPath, [join(root, 'bench', 'generate-modules.mjs'), tree, String(count)]);
  const ports = measure(process.execPath, [cli, 'ports', tree], 3);
  treeTimes.push({ count, ms: ports.ms - floor.ms });
  row(`vos-audit ports, ${count.toLocaleString('en')} modules`, ports);
  if (count === 1000) judge('`ports`, 1,000 modules', `${ports.ms.toFixed(0)} ms`, '≤ 1,000 ms', ports.ms <= 1000);
}

// --fix against the audit of the same 200 modules, in rounds; each fix on a fresh copy, made before its timer starts
// (a fixed tree has nothing left to write).
const fixModules = join(work, 'fix-modules');
spawnSync(process.execPath, [join(root, 'bench', 'generate-modules.mjs'), fixModules, '200']);
const fixCopy = join(work, 'fix-copy');
const freshCopy = () => {
  rmSync(fixCopy, { recursive: true, force: true });
  cpSync(fixModules, fixCopy, { recursive: true });
};
const [fixAudit, fix] = measureInterleaved([
  { command: process.execPath, args: [cli, fixCopy], prepare: freshCopy },
  { command: process.execPath, args: [cli, '--fix', fixCopy], prepare: freshCopy },
]);
const fixRatio = fix.ms / fixAudit.ms;
row('vos-audit, 200 modules (the audit --fix is compared with)', fixAudit);
row('vos-audit --fix, the same 200 modules', fix, `${fixRatio.toFixed(2)} × the audit`);
judge(
  '`--fix` on 200 modules',
  `${fix.ms.toFixed(0)} ms, ${fixRatio.toFixed(2)} × the audit (${fixAudit.ms.toFixed(0)} ms)`,
  '≤ 1.3 × the audit',
  fixRatio <= 1.3,
);

// The test suites, once each: minutes, so only when asked.
for (const [what, script, limitS] of [
  ['`npm test`', 'test', 40],
  ['`npm run test:e2e`', 'test:e2e', 300],
]) {
  if (values.suites !== true) {
    judge(what, 'not measured (pass --suites)', `≤ ${limitS} s`, undefined);
    continue;
  }
  const start = process.hrtime.bigint();
  const suite = spawnSync('npm', ['run', script], { cwd: root, stdio: 'ignore' });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  judge(what, `${s.toFixed(0)} s${suite.status === 0 ? '' : ' (it failed)'}`, `≤ ${limitS} s`, s <= limitS);
}

const [small, medium, large] = perLine;
const linearity = (a, b) => (b.ms / b.lines / (a.ms / a.lines)).toFixed(2);
console.log(
  `vos-audit benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, median of ${runs} runs\n`,
);
console.log('| what | wall ms | peak RSS MB | notes |\n|---|---|---|---|');
console.log(rows.join('\n'));
console.log(
  `\nTime per line above the start-up floor, relative to 2,000 lines (1.00 = linear): 20,000 lines ${linearity(small, medium)}, 28,000 lines ${linearity(small, large)}.`,
);
console.log(
  `Memory that grows with the input, peak RSS added per byte of file from 20,000 to 28,000 lines: ${((large.rssBytes - medium.rssBytes) / (large.bytes - medium.bytes)).toFixed(1)} ×.`,
);
const [hundred, thousand] = treeTimes;
console.log(
  `Time per module above the floor, 1,000 modules relative to 100 (1.00 = linear): ${(thousand.ms / thousand.count / (hundred.ms / hundred.count)).toFixed(2)}.`,
);
console.log(`\nTargets (\`node -e 0\` took ${floor.ms.toFixed(0)} ms in the same rounds):\n`);
console.log('| what | measured | target | result |\n|---|---|---|---|');
console.log(targets.join('\n'));
rmSync(work, { recursive: true, force: true });
