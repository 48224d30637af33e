import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { moduleFiles, nmapFixture } from '../support/verify.ts';

/** A module whose name is CJK (two cells a character), and one whose settings differ, so that each is described. */
const cjk = '監査モジュール';
let dir = '';
/** Modules the other commands read: a scanned one, and two sides of a change. */
let elsewhere = '';

beforeAll(() => {
  dir = temporaryDirectory('vos-audit-fits-columns-');
  cpSync(join(samplesDir, 'stock-posix'), join(dir, cjk), { recursive: true });
  mkdirSync(join(dir, 'm2'));
  cpSync(join(samplesDir, 'stock-posix', 'inetd.conf'), join(dir, 'm2', 'inetd.conf'));
  writeFileSync(join(dir, 'm2', '.vos-audit.json'), '{"release": "15.1", "products": ["S270"]}\n');
  elsewhere = temporaryDirectory('vos-audit-fits-columns-');
  // A module the nmap fixture scanned, at a path long enough that its findings' places fill a row.
  const scanned = join(elsewhere, 'scanned', 'module-one-of-the-main-system');
  mkdirSync(scanned, { recursive: true });
  for (const [file, text] of Object.entries(moduleFiles)) writeFileSync(join(scanned, file), text);
  writeFileSync(join(scanned, '.vos-audit.json'), '{"address": "10.1.2.3"}\n');
  // Two sides of a change: echo uncommented and a long tcpd rule, so that a row's evidence is wider than 80 cells.
  cpSync(join(samplesDir, 'stock-posix'), join(elsewhere, 'before', 'module-one'), { recursive: true });
  cpSync(join(samplesDir, 'stock-posix'), join(elsewhere, 'after', 'module-one'), { recursive: true });
  writeFileSync(join(elsewhere, 'before', 'module-one', 'inetd.conf'), '#echo stream tcp nowait root internal\n');
  writeFileSync(join(elsewhere, 'after', 'module-one', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  writeFileSync(
    join(elsewhere, 'hosts.allow'),
    'ALL: .example.com 192.0.2.0/255.255.255.0 : spawn (/bin/echo %a %c >> /var/log/tcpd-clients.log) &\n',
  );
  writeFileSync(join(elsewhere, 'hosts.deny'), 'ALL: ALL\n');
});

/**
 * The cells a line takes on a terminal, counted here without the code under test: CJK ideographs, kana and
 * full-width forms two each, every other character one. The outputs hold no tab or escape, which would not count so.
 */
function cells(line: string): number {
  expect(line).not.toMatch(/[\t\u001b]/);
  return [...line].reduce((n, c) => n + (/[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]/.test(c) ? 2 : 1), 0);
}

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

/** `vos-audit ARGS` from the modules' directory, off a terminal, with COLUMNS as given. */
async function run(args: string[], columns: string, cwd = dir) {
  const result = await vosAudit(args, { cwd, env: { NO_COLOR: '1', COLUMNS: columns } });
  expect(result.status, result.stderr).toBeLessThan(2);
  return result.stdout;
}

function expectFits(text: string, width: number): void {
  for (const line of text.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(width);
}

/** Every word of the wide output is in the fitted one, but for the headers of the columns that left the row. */
function expectNothingLost(wide: string, fitted: string, leftHeaders: readonly string[] = []): void {
  const have = new Set(words(fitted));
  const missing = words(wide).filter((word) => !have.has(word) && !leftHeaders.includes(word));
  expect(missing).toEqual([]);
}

describe('every table and paragraph fits 80 columns, in terminal cells', () => {
  it('the audit: findings and the assumptions of each module wrapped, no word lost, the same words as --wide', async () => {
    const fitted = await run(['.'], '80');
    const wide = await run(['--wide', '.'], '80');
    expect(fitted).toContain(cjk);
    expect(wide.split('\n').some((line) => cells(line) > 80)).toBe(true);
    expectFits(fitted, 80);
    expect(fitted).toMatch(/^assumed, by module:$/m);
    expect(words(fitted).sort()).toEqual(words(wide).sort());
  });

  it('firewall: the rows within 80 cells, reasons and evidence beneath them, nothing lost', async () => {
    const fitted = await run(['firewall', '.'], '80');
    const wide = await run(['firewall', '--wide', '.'], '80');
    expect(wide.split('\n').some((line) => cells(line) > 80)).toBe(true);
    expectFits(fitted, 80);
    expect(fitted).toContain(cjk);
    expectNothingLost(wide, fitted, ['REASON', 'EVIDENCE']);
  });

  it('explain: paragraphs, list items and the examples within 80 cells, with the words of an unwrapped page', async () => {
    for (const rule of ['telnet-without-sshd', 'inetd-unwrapped-service', 'inetd-syntax']) {
      const fitted = await run(['explain', rule], '80');
      const unwrapped = await run(['explain', rule], '1000');
      expect(unwrapped.split('\n').some((line) => cells(line) > 80)).toBe(true);
      expectFits(fitted, 80);
      expect(words(fitted).sort()).toEqual(words(unwrapped).sort());
    }
  });

  it('rules: each summary beneath its row, nothing lost', async () => {
    const fitted = await run(['rules'], '80');
    const wide = await run(['rules', '--wide'], '80');
    expect(wide.split('\n').some((line) => cells(line) > 80)).toBe(true);
    expectFits(fitted, 80);
    expectNothingLost(wide, fitted, ['SUMMARY']);
  });

  it('verify: findings and the tally of each module within 80 cells, the same words as --wide', async () => {
    const args = ['verify', '--scan', nmapFixture('several-hosts.xml'), 'scanned'];
    const fitted = await run(args, '80', elsewhere);
    const wide = await run([...args, '--wide'], '80', elsewhere);
    expect(wide.split('\n').some((line) => cells(line) > 80)).toBe(true);
    expectFits(fitted, 80);
    expect(words(fitted).sort()).toEqual(words(wide).sort());
  });

  it('tcpdmatch: the matched rule and the notes wrapped beneath their label, the same words as --wide', async () => {
    const args = ['tcpdmatch', 'tftpd', '192.0.2.7', 'hosts.allow', 'hosts.deny'];
    const fitted = await run(args, '60', elsewhere);
    const wide = await run([...args, '--wide'], '60', elsewhere);
    expect(wide.split('\n').some((line) => cells(line) > 60)).toBe(true);
    expectFits(fitted, 60);
    expect(words(fitted).sort()).toEqual(words(wide).sort());
    // Each wrapped line continues the value of the label above it, beneath that value.
    for (const line of fitted.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^([a-z]+: +| {10})\S/);
  });

  it('diff: each changed row within 80 cells, its evidence beneath it, the same words as --wide', async () => {
    const fitted = await run(['diff', 'before', 'after'], '80', elsewhere);
    const wide = await run(['diff', '--wide', 'before', 'after'], '80', elsewhere);
    expect(wide.split('\n').some((line) => cells(line) > 80)).toBe(true);
    expectFits(fitted, 80);
    expect(words(fitted).sort()).toEqual(words(wide).sort());
  });

  it('ports: the CJK name counted two cells a character', async () => {
    const fitted = await run(['ports', '.'], '80');
    expect(fitted).toContain(cjk);
    expectFits(fitted, 80);
  });
});
