// Writes docs/report.png, the screenshot of `vos-audit report` that the README shows: the report of the firewall
// samples (two systems, OSL and OSN peers) opened in Debian's chromium, with one listener's evidence open.
//   node scripts/report-screenshot.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { commandLine } from './lib/command-line.mjs';

commandLine({ usage: 'usage: node scripts/report-screenshot.mjs', about: 'Writes docs/report.png.' });
const directory = mkdtempSync(join(tmpdir(), 'vos-audit-screenshot-'));
try {
  const page = join(directory, 'system.html');
  execFileSync('node', [
    'dist/vos-audit.js',
    'report',
    '-o',
    page,
    'samples/firewall-osl-system',
    'samples/firewall-bridges',
  ]);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await tab.goto(pathToFileURL(page).href);
  // The OSL range of the first module: its evidence, and the rule that admits its system's other module.
  const href = await tab.$eval('#matrix', (table) => {
    const column = [...table.tHead.rows[0].cells].findIndex((th) => th.dataset.key === 'tcp/3000');
    return table.tBodies[0].rows[0].cells[column].querySelector('a').getAttribute('href');
  });
  await tab.click(`#matrix a[href="${href}"]`);
  await tab.screenshot({ path: 'docs/report.png' });
  await browser.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
