// How large the HTML report of a generated system is, and how long Chromium takes to load it: for 40 and 1,000
// modules (test/support/system.ts), the report's size and, over --runs loads each in a fresh page, the median time
// from navigation to the load event and to the first paint, and from a click on the last module's first cell to its
// evidence shown (its section unpacked first when the page carries the sections compressed). The reference,
// measured in the same run, is the same page's text as a plain document (one <pre>, escaped) of the same size: what
// loading that many bytes costs.
//   npx tsx bench/report-load.ts [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { commandLine, count } from '../scripts/lib/command-line.mjs';
import { writeSystem } from '../test/support/system.ts';

const usage = 'usage: npx tsx bench/report-load.ts [--runs N]';
const { values } = commandLine({
  usage,
  about: 'Measures the size and load time of `vos-audit report` for 40 and 1,000 modules in Chromium.',
  options: { runs: { type: 'string' } },
});
const runs = count(String(values.runs ?? '5'), '--runs', usage);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Load times of a file, each in a fresh page: to the load event and to the first contentful paint. */
async function loadTimes(browser: Browser, file: string): Promise<{ load: number; paint: number; evidence: number }> {
  const load: number[] = [];
  const paint: number[] = [];
  const evidence: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 300_000 });
    const times = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const firstPaint = performance.getEntriesByName('first-contentful-paint')[0];
      return { load: navigation.loadEventEnd, paint: firstPaint?.startTime ?? NaN };
    });
    load.push(times.load);
    paint.push(times.paint);
    // The plain page has no matrix. The dialog is polled at each frame; the last poll's round trip, a few
    // milliseconds, is counted too.
    if ((await page.$('#matrix')) === null) {
      await page.close();
      continue;
    }
    const clicked = await page.evaluate(() => {
      document.querySelector<HTMLElement>('#matrix tbody tr:last-child a.e')!.click();
      return performance.now();
    });
    await page.waitForFunction(() => document.querySelector<HTMLDialogElement>('dialog#evidence')!.open, null, {
      polling: 'raf',
      timeout: 300_000,
    });
    evidence.push((await page.evaluate(() => performance.now())) - clicked);
    await page.close();
  }
  return { load: median(load), paint: median(paint), evidence: evidence.length > 0 ? median(evidence) : NaN };
}

const bundle = join(import.meta.dirname, '..', 'dist', 'vos-audit.js');
const directory = mkdtempSync(join(tmpdir(), 'vos-audit-report-bench-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const rows = [];
  for (const modules of [40, 1000]) {
    writeSystem(join(directory, `system-${modules}`), modules);
    const page = join(directory, `system-${modules}.html`);
    const started = performance.now();
    execFileSync('node', [bundle, 'report', '-o', page, `system-${modules}`], { cwd: directory });
    const written = performance.now() - started;
    const text = readFileSync(page, 'utf8').replace(/<[^>]*>/g, '');
    const reference = join(directory, `reference-${modules}.html`);
    const plain = `<!DOCTYPE html><meta charset="utf-8"><title>reference</title><pre>${text}</pre>`;
    writeFileSync(reference, plain.padEnd(statSync(page).size));
    const report = await loadTimes(browser, page);
    const floor = await loadTimes(browser, reference);
    rows.push({ modules, bytes: statSync(page).size, written, report, floor });
  }
  console.log(
    '| modules | page size | vos-audit report | load event | first paint | last module’s evidence after a click | plain page of the same size: load | result |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const { modules, bytes, written, report, floor } of rows) {
    // The targets: 40 modules under 1 MB, 1,000 modules loaded within 3 s. The plain page shows how much of the
    // time the bytes alone take.
    const over = modules === 40 ? bytes > 1e6 : report.load > 3000;
    if (over) process.exitCode = 1;
    console.log(
      `| ${modules} | ${(bytes / 1e6).toFixed(2)} MB | ${Math.round(written)} ms | ${Math.round(report.load)} ms | ${Math.round(report.paint)} ms | ${Math.round(report.evidence)} ms | ${Math.round(floor.load)} ms (report ${(report.load / floor.load).toFixed(1)} ×) | ${over ? 'OVER target' : 'ok'} |`,
    );
  }
} finally {
  await browser.close();
  rmSync(directory, { recursive: true, force: true });
}
