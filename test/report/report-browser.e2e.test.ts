import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { writeSystem } from '../support/system.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** Debian's chromium, which .ci/run installs: the browser is never downloaded. */
const chromiumPath = '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The letter a cell shows for each state, written here from the legend's meaning, not read from the code. */
const stateLetter: Record<string, string> = { live: 'L', conditional: 'C', off: 'O', dead: 'D' };

interface PortsRow {
  port: number;
  lastPort?: number;
  protocol: string;
  daemon: string;
  state: string;
  evidence: string[];
}
interface PortsModule {
  name: string;
  listeners: PortsRow[];
}

const directory = temporaryDirectory('vos-audit-report-');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath });
  for (const sample of ['firewall-bridges', 'firewall-conditional', 'firewall-nio', 'firewall-osl-system'])
    cpSync(join(samplesDir, sample), join(directory, sample), { recursive: true });
  writeSystem(join(directory, 'system-40'), 40);
  writeSystem(join(directory, 'system-120'), 120);
});
afterAll(async () => {
  await browser?.close();
  rmSync(directory, { recursive: true, force: true });
});

const reports = new Map<string, Promise<{ file: string; modules: PortsModule[] }>>();

/** `vos-audit report` of a directory under the test's directory (with `extra` options), and its ports JSON; once. */
function reportOf(path: string, extra: string[] = []): Promise<{ file: string; modules: PortsModule[] }> {
  const key = JSON.stringify([path, extra]);
  if (!reports.has(key)) reports.set(key, writeReport(path, extra));
  return reports.get(key)!;
}

async function writeReport(path: string, extra: string[]): Promise<{ file: string; modules: PortsModule[] }> {
  const file = join(directory, `${path.replace(/\W/g, '_')}.html`);
  const result = await runCli(['report', '-o', file, ...extra, path], directory);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const ports = await runCli(['ports', '--format', 'json', path], directory);
  return { file, modules: JSON.parse(ports.stdout).modules };
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(file: string, javaScriptEnabled = true): Promise<Opened> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, errors, requests };
}

/** What each listener link of the matrix shows: its target, signs, words, column and row. */
async function cells(page: Page) {
  return page.$$eval('#matrix tbody a.e', (links) =>
    links.map((link) => {
      const td = link.closest('td')!;
      const th = link.closest('table')!.tHead!.rows[0]!.cells[td.cellIndex]!;
      return {
        href: link.getAttribute('href')!,
        signs: link.textContent,
        words: link.getAttribute('aria-label')!,
        column: th.dataset.key!,
        header: th.textContent,
        module: td.parentElement!.querySelector('th')!.textContent.trim(),
      };
    }),
  );
}

/**
 * The modules' sections a page carries compressed, decoded here with Node's zlib: chunks in base64 separated by
 * spaces, each a gzipped JSON array of sections. Undefined when the page has its sections as they are.
 */
function packedSectionsOf(page: string): string[] | undefined {
  const data = /<script type="application\/gzip" id="module-sections"[^>]*>([^<]*)<\/script>/.exec(page)?.[1];
  return data?.split(' ').flatMap((chunk) => JSON.parse(gunzipSync(Buffer.from(chunk, 'base64')).toString('utf8')));
}

const systems = [
  'firewall-bridges',
  'firewall-conditional',
  'firewall-nio',
  'firewall-osl-system',
  'system-40',
  'system-120',
];

describe.each(systems)('the report of %s in Chromium', (system) => {
  let opened: Opened;
  let modules: PortsModule[];
  let reportFile: string;

  beforeAll(async () => {
    const report = await reportOf(system);
    modules = report.modules;
    reportFile = report.file;
    opened = await open(report.file);
  });
  afterAll(() => opened.page.context().close());

  it('loads with no error and requests nothing but itself', () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([opened.page.url()]);
  });

  it('makes one element of each start tag whose end tag the page leaves out, inside the parent it belongs in', async () => {
    const text = readFileSync(reportFile, 'utf8');
    const parents: Record<string, string[]> = {
      li: ['OL', 'UL'],
      dt: ['DL'],
      dd: ['DL'],
      td: ['TR'],
      th: ['TR'],
      tr: ['THEAD', 'TBODY'],
      option: ['SELECT'],
      tbody: ['TABLE'],
    };
    // In one go, so that no section is shown in between: the modules shown and each element's parent.
    const { shown, found } = await opened.page.evaluate(
      (tags) => ({
        shown: Array.from(document.querySelectorAll('.module:not(.packed)'), (section) => Number(section.id.slice(1))),
        found: tags.map((tag) => Array.from(document.getElementsByTagName(tag), (e) => e.parentElement!.tagName)),
      }),
      Object.keys(parents),
    );
    // A packed page's elements are its own and those of the sections it has shown.
    const sections = packedSectionsOf(text);
    const markup = sections === undefined ? text : text + shown.map((index) => sections[index]).join('');
    Object.entries(parents).forEach(([tag, allowed], i) => {
      // A table given rows outside its thead and tbody would have had a tbody made for them.
      expect(found[i]!.length).toBe(markup.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0);
      expect(found[i]!.filter((parent) => !allowed.includes(parent))).toEqual([]);
    });
  });

  it('has one cell link for each row of ports --format json, showing its state, port and daemon', async () => {
    const shown = await cells(opened.page);
    expect(shown).toHaveLength(modules.reduce((n, m) => n + m.listeners.length, 0));
    expect(new Set(shown.map((cell) => cell.href)).size).toBe(shown.length);
    for (const cell of shown) {
      const [, m, l] = /^#m(\d+)-l(\d+)$/.exec(cell.href)!;
      const module = modules[Number(m)]!;
      const row = module.listeners[Number(l)]!;
      expect(cell.module).toBe(module.name);
      expect(cell.signs[0]).toBe(stateLetter[row.state]);
      expect(cell.words.startsWith(`${cell.signs} ${row.daemon}: ${row.state}`)).toBe(true);
      expect(cell.column).toBe(`${row.protocol}/${row.port}`);
      expect(cell.header).toContain(String(row.port));
      if (row.lastPort !== undefined) expect(cell.header).toMatch(new RegExp(`${row.port}–(${row.lastPort}|…)`));
    }
  });

  it('lists each module’s OSL and OSN peers, and each group’s modules, as firewall --format json --include-conditional has them', async () => {
    // The report's policy includes the rules that stand on an undecided condition, marked "only if".
    const firewall = await runCli(['firewall', '--format', 'json', '--include-conditional', system], directory);
    const policy = JSON.parse(firewall.stdout) as {
      modules: Array<{
        name: string;
        rules: Array<{ direction: string; action: string; protocol: string; ports: number[]; peer: string }>;
      }>;
      groups: Array<{ name: string; modules: string[] }>;
    };
    const groups = new Map(policy.groups.map((group) => [group.name, group.modules]));
    // A rule admits to OSL or OSN when its first port is the module's kernel listener of that kind (ports JSON).
    const kernels: Record<string, string> = { 'kernel (OSL)': 'OSL', 'kernel (OSN)': 'OSN' };
    const expected = policy.modules.flatMap((module, m) =>
      module.rules.flatMap((rule, i) => {
        const kernel = modules[m]!.listeners.find(
          (row) => kernels[row.daemon] && row.protocol === rule.protocol && row.port === rule.ports[0],
        );
        const members = groups.get(rule.peer) ?? [];
        return rule.direction === 'in' && rule.action === 'allow' && kernel && members.length > 0
          ? [[module.name, kernels[kernel.daemon]!, `${rule.peer} (${members.length})`, `#m${m}-r${i + 1}`]]
          : [];
      }),
    );
    const shown = await opened.page.$$eval('#system table.admissions tbody tr', (rows) =>
      (rows as HTMLTableRowElement[]).map((row) => [
        row.cells[0]!.textContent.trim(),
        row.cells[1]!.textContent.trim(),
        row.cells[2]!.textContent.trim(),
        row.cells[3]!.querySelector('a')!.getAttribute('href')!,
      ]),
    );
    expect(shown).toEqual(expected);
    const listed = await opened.page.$$eval('#system table.groups tbody tr', (rows) =>
      (rows as HTMLTableRowElement[]).map((row) => [
        row.cells[0]!.textContent.trim(),
        row.cells[2]!.textContent.trim().split(', '),
      ]),
    );
    expect(listed).toEqual(
      [...new Set(expected.map((row) => row[2]!.replace(/ \(\d+\)$/, '')))].map((name) => [name, groups.get(name)]),
    );
    if (expected.length > 0) {
      await opened.page.click(`#system table.admissions a[href="${expected[0]![3]}"]`);
      expect(await opened.page.locator(`${expected[0]![3]}:target`).isVisible()).toBe(true);
    }
  });

  it('opens a cell’s evidence: its file:line places and the lines’ text', async () => {
    const { page } = opened;
    const shown = await cells(page);
    for (const cell of [shown[0]!, shown.at(-1)!, shown[Math.floor(shown.length / 2)]!]) {
      const [, m, l] = /^#m(\d+)-l(\d+)$/.exec(cell.href)!;
      const row = modules[Number(m)]!.listeners[Number(l)]!;
      await page.click(`#matrix a[href="${cell.href}"]`);
      const dialog = page.locator('dialog#evidence');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      const places = await dialog.locator('dt:text-is("Decided at") + dd li').evaluateAll((items) =>
        items.map((item) => ({
          where: item.querySelector('.where')!.textContent,
          code: item.querySelector('code')?.textContent,
        })),
      );
      expect(places).toHaveLength(row.evidence.length);
      row.evidence.forEach((place, i) => {
        expect(place.endsWith(places[i]!.where)).toBe(true);
        const [file, line] = [place.slice(0, place.lastIndexOf(':')), Number(place.slice(place.lastIndexOf(':') + 1))];
        expect(places[i]!.code).toBe(readFileSync(join(directory, file), 'utf8').split(/\r?\n/)[line - 1]);
      });
      expect(await dialog.locator('h4').textContent()).toContain(`${row.protocol}/${row.port}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    }
  });

  it('sorts the modules by live listeners and by a port’s column, and the ports by number', async () => {
    const { page } = opened;
    await page.selectOption('#s-rows', 'live');
    const live = await page.$$eval('#matrix tbody tr', (rows) =>
      rows.map((row) => ({ name: row.querySelector('th')!.textContent.trim() })),
    );
    const counts = live.map(
      ({ name }) => modules.find((m) => m.name === name)!.listeners.filter((row) => row.state === 'live').length,
    );
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.selectOption('#s-rows', 'name');
    const names = await page.$$eval('#matrix tbody th', (ths) => ths.map((th) => th.textContent.trim()));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    const shown = await cells(page);
    const column = shown.find((cell) => cell.signs[0] === 'L')!.column;
    await page.click(`#matrix thead th[data-key="${column}"] button`);
    const firstStates = await page.$$eval(
      '#matrix tbody tr',
      (rows: HTMLTableRowElement[], key) => {
        const index = Array.from(rows[0]!.closest('table')!.tHead!.rows[0]!.cells).findIndex(
          (th) => th.dataset.key === key,
        );
        return rows.map((row) => row.cells[index]!.dataset.s ?? '');
      },
      column,
    );
    const hasLive = firstStates.map((states) => states.split(' ').includes('live'));
    expect(hasLive.indexOf(false) === -1 || !hasLive.slice(hasLive.indexOf(false)).includes(true)).toBe(true);
    expect(await page.getAttribute(`#matrix thead th[data-key="${column}"]`, 'aria-sort')).toBe('descending');

    await page.selectOption('#s-cols', 'live');
    await page.selectOption('#s-cols', 'port');
    const ports = await page.$$eval('#matrix thead th[data-port]', (ths) => ths.map((th) => Number(th.dataset.port)));
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
  });

  it('filters modules by name, ports by text and listeners by state', async () => {
    const { page } = opened;
    const name = modules.at(-1)!.name;
    const part = name.slice(-4);
    await page.fill('#f-module', part);
    const visible = await page.$$eval('#matrix tbody tr:not([hidden]) th', (ths) => ths.map((th) => th.textContent));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((text) => text.includes(part))).toBe(true);
    expect(visible.length).toBe(modules.filter((m) => m.name.includes(part)).length);
    await page.fill('#f-module', '');

    await page.uncheck('#f-off');
    const offShown = await page.$$eval(
      '#matrix a.e.off',
      (links) => links.filter((a) => (a as HTMLElement).offsetParent !== null).length,
    );
    expect(offShown).toBe(0);
    await page.check('#f-off');

    const port = String(modules[0]!.listeners.find((row) => row.state === 'live')!.port);
    await page.fill('#f-port', port);
    const headers = await page.$$eval('#matrix thead th[data-key]:not([hidden])', (ths) =>
      ths.map((th) => th.textContent),
    );
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((text) => text.includes(port))).toBe(true);
    await page.fill('#f-port', '');
  });

  it('reaches every cell from the keyboard, in the order of the table', async () => {
    const { page } = opened;
    const all = (await cells(page)).map((cell) => cell.href);
    // Each element the table's Tab stops focus on, recorded by the page as focus moves.
    const stops = await page.evaluate(() => {
      const reached: string[] = [];
      (window as unknown as { reached: string[] }).reached = reached;
      document.addEventListener('focusin', (event) => {
        const target = event.target as Element;
        if (target.closest('#matrix-scroll')) reached.push(target.getAttribute('href') ?? target.tagName);
      });
      return document.querySelectorAll('#matrix-scroll a, #matrix-scroll button').length;
    });
    await page.focus('#matrix-scroll');
    // Real key presses, sent through the DevTools protocol without a round trip each: a page of 40 modules has
    // hundreds of Tab stops.
    const session = await page.context().newCDPSession(page);
    const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 };
    const sent = [];
    for (let i = 0; i < stops; i++) {
      sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...tab }));
      sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab }));
    }
    await Promise.all(sent);
    const reached = await page.evaluate(() => (window as unknown as { reached: string[] }).reached);
    expect(reached.filter((href) => /^#m\d+-l\d+$/.test(href))).toEqual(all);
  });

  it('passes axe-core with no serious or critical violation', async () => {
    const { page } = opened;
    await page.evaluate(axeSource);
    // The page of 40 modules repeats the markup of the samples' pages 40 times; axe takes minutes over all of it,
    // so there it checks the header, the matrix, the system and the first module.
    const scope = modules.length > 4 ? [['header'], ['main > section:first-child'], ['#system'], ['#m0']] : null;
    const violations = await page.evaluate(async (scope: string[][] | null) => {
      const result = await (
        window as unknown as {
          axe: {
            run(scope: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
          };
        }
      ).axe.run(scope === null ? document : { include: scope });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    }, scope);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
});

/** A module named `name` in `system` whose inetd.conf has a service named with an image that would run a script. */
function writeHostileModule(system: string, name: string): void {
  mkdirSync(join(system, name), { recursive: true });
  writeFileSync(
    join(system, name, 'inetd.conf'),
    '<img src=x onerror="window.pwned=2"> stream tcp nowait root internal\necho stream tcp nowait root internal\n',
  );
}

describe('the report of a system whose modules’ sections are stored compressed', () => {
  let report: { file: string; modules: PortsModule[] };
  let sections: string[];
  const listenerCount = () => report.modules.reduce((n, m) => n + m.listeners.length, 0);

  beforeAll(async () => {
    report = await reportOf('system-120');
    sections = packedSectionsOf(readFileSync(report.file, 'utf8'))!;
  });

  it('carries every module’s section, and shows one with each listener’s evidence when it is scrolled to', async () => {
    expect(sections).toHaveLength(report.modules.length);
    const { page, errors, requests } = await open(report.file);
    expect(await page.locator('.module.packed').count()).toBe(report.modules.length);
    expect(await page.locator('article.ev').count()).toBe(0);
    const index = 57;
    await page.locator(`#m${index}`).scrollIntoViewIfNeeded();
    await page.locator(`#m${index}:not(.packed)`).waitFor();
    const shown = await page.$$eval(`#m${index} article.ev`, (articles) =>
      articles.map((article) => ({ id: article.id, heading: article.querySelector('h4')!.textContent })),
    );
    const module = report.modules[index]!;
    expect(shown.map((article) => article.id)).toEqual(module.listeners.map((_, l) => `m${index}-l${l}`));
    shown.forEach((article, l) => {
      const row = module.listeners[l]!;
      expect(article.heading).toContain(`${row.protocol}/${row.port}`);
      expect(article.heading).toContain(module.name);
    });
    expect(errors).toEqual([]);
    expect(requests).toEqual([page.url()]);
    await page.context().close();
  });

  it('goes to a listener’s evidence named in the address, when the page opens and once it is open', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // The first as the page opens, its chunk not yet unpacked; the second, in another chunk, later, when the page
    // has most likely unpacked every chunk already.
    for (const [index, l] of [
      [report.modules.length - 1, 0],
      [30, 1],
    ] as const) {
      await page.goto(`${pathToFileURL(report.file).href}#m${index}-l${l}`);
      await page.locator(`#m${index}-l${l}:target`).waitFor();
      const row = report.modules[index]!.listeners[l]!;
      expect(await page.locator(`#m${index}-l${l} h4`).textContent()).toContain(`${row.protocol}/${row.port}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows every module at the press of a button, and before the page is printed', async () => {
    for (const how of ['button', 'print'] as const) {
      const { page, errors } = await open(report.file);
      if (how === 'button') await page.click('#show-all');
      else {
        // Printing waits for nothing: the sections are unpacked once the page has loaded.
        await page.waitForFunction(() => document.readyState === 'complete');
        await expect.poll(() => page.pdf().then(() => page.locator('.module.packed').count())).toBe(0);
      }
      await expect.poll(() => page.locator('.module.packed').count(), { timeout: 60_000 }).toBe(0);
      expect(await page.locator('section.module').count()).toBe(report.modules.length);
      expect(await page.locator('article.ev').count()).toBe(listenerCount());
      if (how === 'button')
        expect(await page.locator('#packed-count').textContent()).toBe(
          `${report.modules.length} of ${report.modules.length} modules shown`,
        );
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('without JavaScript has the whole matrix, each module’s heading, and says that the sections need it', async () => {
    const { page, errors } = await open(report.file, false);
    expect(errors).toEqual([]);
    expect(await cells(page)).toHaveLength(listenerCount());
    expect(await page.locator('.module.packed h2').allTextContents()).toEqual(
      report.modules.map((module) => `Module ${module.name}`),
    );
    expect(await page.locator('#packed-note').textContent()).toContain('need JavaScript');
    expect(await page.locator('#show-all').isVisible()).toBe(false);
    await page.context().close();
  });

  it('shows a hostile module name and line in a packed section as text', async () => {
    const hostile = join(directory, 'hostile-many');
    writeSystem(hostile, 110);
    const name = 'm<script>window.pwned=1</script>"\'';
    writeHostileModule(hostile, name);
    const { file } = await reportOf('hostile-many');
    expect(packedSectionsOf(readFileSync(file, 'utf8'))).toBeDefined();
    const { page, errors } = await open(file);
    const id = await page.$$eval(
      '#matrix tbody th a',
      (links, name) =>
        links
          .find((link) => link.textContent === name)!
          .getAttribute('href')!
          .slice(1),
      `hostile-many/${name}`,
    );
    await page.click(`#matrix tbody th a[href="#${id}"]`);
    await page.locator(`#${id}:not(.packed) article.ev`).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script:not([type])').count()).toBe(1);
    const text = await page.locator(`#${id}`).textContent();
    expect(text).toContain(`Module hostile-many/${name}`);
    expect(text).toContain('<img src=x onerror="window.pwned=2">');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the report in Chromium, beyond the matrix', () => {
  it('shows hostile names as text: no script of theirs runs, with or without the Content-Security-Policy', async () => {
    const hostile = join(directory, 'hostile');
    const name = 'm<script>window.pwned=1</script>"\'\u202e';
    writeHostileModule(hostile, name);
    const { file } = await reportOf('hostile');
    const { page, errors, requests } = await open(file);
    const check = async () => {
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      const text = (await page.locator('body').textContent())!;
      expect(text).toContain('m<script>window.pwned=1</script>"\'\\u202e');
      expect(text).toContain('<img src=x onerror="window.pwned=2">');
      expect(text).not.toContain('\u202e');
    };
    await check();
    expect(errors).toEqual([]);
    expect(requests).toEqual([page.url()]);
    const withoutPolicy = readFileSync(file, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutPolicy).not.toContain('Content-Security-Policy');
    await page.setContent(withoutPolicy);
    await check();
    await page.context().close();
  });

  it('works without JavaScript: the matrix is there and a cell leads to its evidence', async () => {
    const { file, modules } = await reportOf('firewall-osl-system');
    const { page, errors } = await open(file, false);
    expect(errors).toEqual([]);
    expect(await page.locator('#controls').isVisible()).toBe(false);
    const shown = await cells(page);
    expect(shown).toHaveLength(modules.reduce((n, m) => n + m.listeners.length, 0));
    await page.click(`#matrix a[href="${shown[0]!.href}"]`);
    expect(new URL(page.url()).hash).toBe(shown[0]!.href);
    expect(await page.locator(`${shown[0]!.href}:target`).isVisible()).toBe(true);
    await page.context().close();
  });

  it('with --scan, each cell says what nmap found on its port, as the scan file says', async () => {
    cpSync(join(samplesDir, 'stock-posix'), join(directory, 'scanned'), { recursive: true });
    const scan = join(import.meta.dirname, '..', 'fixtures', 'nmap', 'filtered.xml');
    const { file } = await reportOf('scanned', ['--scan', scan, '--address', '10.1.2.3']);
    const xml = readFileSync(scan, 'utf8');
    const { page, errors } = await open(file);
    expect(errors).toEqual([]);
    const shown = await cells(page);
    for (const [protocol, port] of [
      ['tcp', 21],
      ['tcp', 23],
      ['udp', 161],
    ] as const) {
      const state = new RegExp(`<port protocol="${protocol}" portid="${port}"><state state="([^"]+)"`).exec(xml)![1];
      const cell = shown.find((c) => c.column === `${protocol}/${port}`)!;
      expect(cell.words).toContain(`scan: ${state}`);
    }
    expect(await page.locator('#scan').isVisible()).toBe(true);
    await page.context().close();
  });
});
