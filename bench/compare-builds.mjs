// Compares builds of vos-audit in alternating runs: each round runs `node -e 0`, then each build's launcher with the
// same arguments, one after the other, so that a slow spell of a shared machine weighs on all alike. Prints, for
// each, the median wall time and the mean CPU time (user + system, GNU time's %U + %S, 10 ms resolution), and both
// above `node -e 0`. CPU time is the steadier figure when other work shares the cores: waiting for a core adds to
// the wall time only.
//   node bench/compare-builds.mjs [--runs N] DIST_DIR... -- ARGS...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/compare-builds.mjs [--runs N] DIST_DIR... -- ARGS...   (N: default 15)';
const { values, positionals } = commandLine({
  usage,
  about: 'Times builds of vos-audit (directories holding vos-audit.js and bundle.js) in alternating runs.',
  options: { runs: { type: 'string' } },
  min: 1,
  max: Infinity,
});
const split = process.argv.indexOf('--');
const dirs = split === -1 ? positionals : positionals.slice(0, positionals.length - (process.argv.length - split - 1));
const args = split === -1 ? [] : process.argv.slice(split + 1);
const runs = count(values.runs ?? '15', '--runs', usage);
// Each build keeps its own code cache, made by a first run that is not counted.
const caches = mkdtempSync(join(tmpdir(), `vos-audit-compare-${process.pid}-`));

function runOnce(command, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', ...command], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms, cpu: (user + system) * 1000 };
}

try {
  const commands = [
    { name: 'node -e 0', command: [process.execPath, '-e', '0'], env: {} },
    ...dirs.map((dir, i) => ({
      name: dir,
      command: [process.execPath, join(resolve(dir), 'vos-audit.js'), ...args],
      env: { XDG_CACHE_HOME: join(caches, String(i)) },
    })),
  ];
  for (const { command, env } of commands.slice(1)) runOnce(command, env);
  const samples = commands.map(() => []);
  for (let round = 0; round < runs; round++)
    commands.forEach(({ command, env }, i) => samples[i].push(runOnce(command, env)));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const stats = samples.map((s) => ({ wall: median(s.map((x) => x.ms)), cpu: mean(s.map((x) => x.cpu)) }));
  console.log(`${runs} alternating rounds; arguments: ${args.join(' ')}`);
  console.log('| build | wall ms (median) | above node | CPU ms (mean) | above node |\n|---|---|---|---|---|');
  for (const [i, { name }] of commands.entries()) {
    const { wall, cpu } = stats[i];
    console.log(
      `| ${name} | ${wall.toFixed(0)} | ${(wall - stats[0].wall).toFixed(0)} | ${cpu.toFixed(0)} | ${(cpu - stats[0].cpu).toFixed(0)} |`,
    );
  }
} finally {
  rmSync(caches, { recursive: true, force: true });
}
