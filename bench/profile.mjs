// Where a run's CPU time goes, by source module: builds the CLI as `npm run build` does but unminified (esbuild then
// marks where each module's code starts, `// src/...`), runs it once to write its code cache, then once under
// `node --cpu-prof` with ARGS, and prints each module's self time (by line, so that module top levels, which esbuild
// puts in one function, are told apart), Node.js's own modules and V8's entries (garbage collector, program) beside.
// With --runs N, the mean of N profiled runs (one run on a shared machine can be far off).
//   node bench/profile.mjs [--top N] [--runs N] -- ARGS...
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/profile.mjs [--top N] [--runs N] -- ARGS...   (top: default 25; runs: default 5)';
const { values, positionals } = commandLine({
  usage,
  about: 'Profiles one run of vos-audit ARGS and prints the self time of each source module.',
  options: { top: { type: 'string' }, runs: { type: 'string' } },
  min: 1,
  max: Infinity,
});
const top = count(values.top ?? '25', '--top', usage);
const runs = count(values.runs ?? '5', '--runs', usage);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bundleOptions, launcherOptions } = await import(join(root, 'scripts', 'build.mjs'));
const work = mkdtempSync(join(tmpdir(), `vos-audit-profile-${process.pid}-`));

try {
  const readable = { minifyWhitespace: false, minifySyntax: false, absWorkingDir: root, write: false };
  const bundle = (await build({ ...bundleOptions, ...readable, outfile: join(work, 'bundle.js') })).outputFiles[0];
  writeFileSync(bundle.path, bundle.text);
  await build({ ...launcherOptions(bundle.text), absWorkingDir: root, outfile: join(work, 'vos-audit.js') });
  copyFileSync(join(root, 'dist', 'package.json'), join(work, 'package.json'));
  const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache') };
  const run = (flags) =>
    spawnSync(process.execPath, [...flags, join(work, 'vos-audit.js'), ...positionals], { env, stdio: 'ignore' });
  run([]);
  for (let i = 0; i < runs; i++) run(['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', work]);
  const profiles = readdirSync(work)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => JSON.parse(readFileSync(join(work, name), 'utf8')));

  const starts = [];
  bundle.text.split('\n').forEach((line, i) => {
    const mark = /^\/\/ ((?:src|grammar|node_modules)\/\S+)$/.exec(line);
    if (mark !== null) starts.push({ line: i, module: mark[1].replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+).*/, '$1') });
  });
  const moduleAt = (line) => {
    let found = '(the bundle before its first module)';
    for (const start of starts) if (start.line <= line) found = start.module;
    return found;
  };

  const self = new Map();
  const add = (key, ms) => self.set(key, (self.get(key) ?? 0) + ms / runs);
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const { callFrame, positionTicks = [] } = nodes.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      total += ms / runs;
      if (!callFrame.url.endsWith('bundle.js')) {
        add(callFrame.url === '' ? `(${callFrame.functionName || 'anonymous'})` : callFrame.url, ms);
        return;
      }
      const ticks = positionTicks.reduce((sum, tick) => sum + tick.ticks, 0);
      if (ticks === 0) add(moduleAt(callFrame.lineNumber), ms);
      for (const tick of positionTicks) add(moduleAt(tick.line - 1), (ms * tick.ticks) / ticks);
    });
  }
  console.log(
    `vos-audit ${positionals.join(' ')}: ${total.toFixed(0)} ms of samples, mean of ${runs} runs (the profiler adds its own)\n`,
  );
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
