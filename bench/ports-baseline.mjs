// `vos-audit ports --baseline HEAD` on a repository of 1,000 modules where one file changed, against plain
// `vos-audit ports` on the same tree, in alternating runs (the machine drifts): medians, and their ratio.
//   node bench/ports-baseline.mjs [--runs N] [--modules M]
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/ports-baseline.mjs [--runs N] [--modules M]   (N: default 5; M: default 1000)';
const { values } = commandLine({
  usage,
  about:
    'Times ports --baseline HEAD against plain ports on M generated modules in a git repository, one file changed.',
  options: { runs: { type: 'string' }, modules: { type: 'string' } },
  max: 0,
});
const runs = count(values.runs ?? '5', '--runs', usage);
const modules = count(values.modules ?? '1000', '--modules', usage);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'vos-audit.js');
const repo = mkdtempSync(join(tmpdir(), `vos-audit-bench-baseline-${process.pid}-`));

function time(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync('node', [bundle, ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`vos-audit ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  execFileSync('node', [join(root, 'bench', 'generate-modules.mjs'), join(repo, 'modules'), String(modules)]);
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: repo });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'modules');
  // One file changed: a tiny service made active in the first module.
  appendFileSync(join(repo, 'modules', 'm0000', 'inetd.conf'), 'echo\tstream\ttcp\tnowait\troot\tinternal\n');
  const plain = [];
  const baseline = [];
  for (let i = 0; i < runs; i++) {
    plain.push(time(['ports', 'modules']));
    baseline.push(time(['ports', '--baseline', 'HEAD', 'modules']));
  }
  const [p, b] = [median(plain), median(baseline)];
  console.log(`modules: ${modules}, runs: ${runs}`);
  console.log(`ports:                  ${p.toFixed(0)} ms (median)`);
  console.log(`ports --baseline HEAD:  ${b.toFixed(0)} ms (median)`);
  console.log(`ratio: ${(b / p).toFixed(2)} (target: under 2)`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
