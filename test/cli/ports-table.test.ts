import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/report/wrap.ts';
import { expectUserError, runCli, vosAudit } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

interface JsonListener {
  port: number;
  protocol: string;
  service?: string;
  daemon: string;
  state: string;
  product: string;
  rangeEnd?: string;
  lastPort?: number;
}

const ports = (args: string[], env: Record<string, string> = {}, isTTY = false) =>
  vosAudit(['ports', ...args], { cwd: samplesDir, env: { NO_COLOR: '1', ...env }, isTTY });

async function listenersOf(args: string[]): Promise<JsonListener[]> {
  return JSON.parse((await ports(['--format', 'json', ...args])).stdout).modules[0].listeners;
}

/** The rows of the listeners' table: the lines that start with a port and a protocol. */
const rowLines = (text: string) => text.split('\n').filter((line) => /^\d+\S* +(tcp|udp) /.test(line));
const longest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('the ports table fits the terminal', () => {
  it('at 80 columns: short columns in the row, the rest on indented lines beneath, no line longer than 80', async () => {
    const { stdout, status } = await ports(['stock-posix'], { COLUMNS: '80' });
    expect(status).toBe(0);
    expect(longest(stdout)).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/^PORT +PROTO +SERVICE +PRODUCT +DAEMON +STATE +TCPD$/m);
    const lines = stdout.split('\n');
    const echo = lines.findIndex((line) => /^7 +tcp +echo +STCP +inetd +live$/.test(line));
    expect(lines.slice(echo + 1, echo + 6)).toEqual([
      '    started by: inetd',
      '    evidence: stock-posix/module_start_up.cm:14, stock-posix/inetd.conf:7',
      '    advice: comment it out unless needed: "could be used as part of a denial of',
      '      service (DOS) attack" (article)',
      '7       udp    echo          STCP     inetd         live',
    ]);
    // The note's wording is the ports golden's (test/fixtures/model/); here, where it goes.
    const sshd = lines.findIndex((line) => /^22 +tcp +ssh +S270 +sshd +conditional$/.test(line));
    expect(lines[sshd + 1]).toBe('    started by: module_start_up.cm');
    expect(lines[sshd + 2]).toMatch(/^ {4}if \(software_purchased S270\) and \(VOS 14\.7 or 15\.1\+\); undecided:/);
    expect(lines[sshd + 3]).toMatch(/^ {6}\S/);
  });

  it('at 200 columns: every short column in the row, long text beneath, no line longer than 200', async () => {
    const { stdout } = await ports(['stock-posix'], { COLUMNS: '200' });
    expect(longest(stdout)).toBeLessThanOrEqual(200);
    expect(stdout).toMatch(/^PORT +PROTO +SERVICE +PRODUCT +DAEMON +STARTED BY +STATE +TCPD$/m);
    expect(stdout).toContain(
      '69      udp    tftp          STCP     tftpd         inetd               off          tcpd\n    commented out\n    evidence: stock-posix/module_start_up.cm:14, stock-posix/inetd.conf:24\n',
    );
    expect(stdout.split('\n')[0]).toBe(
      'assumed: release not stated (ports of some releases only are conditional on them); products not stated (software_purchased conditions stay open); no NIO',
    );
  });

  it('one row per line when the whole table fits the width, and not one column less', async () => {
    // The width the table needs is its widest line, one row per line.
    const needed = longest((await ports(['--wide', 'stock-posix'])).stdout);
    const { stdout } = await ports(['stock-posix'], { COLUMNS: String(needed) });
    expect(stdout).not.toMatch(/^ {4}/m);
    expect(rowLines(stdout)).toHaveLength((await listenersOf(['stock-posix'])).length);
    expect((await ports(['stock-posix'], { COLUMNS: String(needed - 1) })).stdout).toMatch(/^ {4}/m);
  });

  it('takes the width from the terminal without COLUMNS, 100 when not a terminal, and COLUMNS over both', async () => {
    const terminal = await vosAudit(['ports', 'stock-posix'], { cwd: samplesDir, env: { NO_COLOR: '1' }, isTTY: true });
    expect(longest(terminal.stdout)).toBeLessThanOrEqual(100);
    expect(longest(terminal.stdout)).toBeGreaterThan(90);
    expect(longest((await ports(['stock-posix'])).stdout)).toBeLessThanOrEqual(100);
    expect(longest((await ports(['stock-posix'], { COLUMNS: '72' }, true)).stdout)).toBeLessThanOrEqual(72);
    expect(longest((await ports(['stock-posix'], { COLUMNS: 'wide' })).stdout)).toBeLessThanOrEqual(100);
  });

  it('--wide keeps one row per line, however long, with the long columns in the row', async () => {
    const { stdout } = await ports(['--wide', 'stock-posix'], { COLUMNS: '80' });
    expect(stdout).not.toMatch(/^ {4}/m);
    expect(longest(stdout)).toBeGreaterThan(200);
    expect(stdout).toMatch(
      /^PORT +PROTO +SERVICE +PRODUCT +DAEMON +STARTED BY +STATE +TCPD +CONDITION \/ NOTE +EVIDENCE +ADVICE$/m,
    );
    expect(stdout).toMatch(
      /^22 +tcp +ssh +S270 +sshd +module_start_up\.cm +conditional +if \(software_purchased S270\) and \(VOS 14\.7 or 15\.1\+\); undecided: [^ ].* +stock-posix\/module_start_up\.cm:27$/m,
    );
    expect(rowLines(stdout)).toHaveLength((await listenersOf(['stock-posix'])).length);
  });
});

describe('SERVICE', () => {
  it('names the service of each row: the inetd entry, the listing, or the catalog', async () => {
    const listeners = await listenersOf(['stock-posix']);
    const service = (port: number, protocol = 'tcp') =>
      listeners.find((l) => l.port === port && l.protocol === protocol)?.service;
    expect([
      service(7),
      service(67, 'udp'),
      service(69, 'udp'),
      service(85),
      service(22),
      service(445),
      service(3000),
    ]).toEqual(['echo', 'bootps', 'tftp', 'rsn', 'ssh', 'microsoft-ds', 'OSL']);
    expect(listeners.filter((l) => l.daemon === 'inetd').map((l) => l.service)).not.toContain(undefined);
  });
});

describe('--state', () => {
  it('shows only the rows in the states given, in every format, and says how many it left out', async () => {
    const all = await listenersOf(['stock-posix']);
    const wanted = all.filter((l) => l.state === 'live' || l.state === 'conditional');
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(all.length);

    const json = JSON.parse((await ports(['--format', 'json', '--state', 'conditional,live', 'stock-posix'])).stdout);
    expect(json.states).toEqual(['live', 'conditional']);
    expect(json.modules[0].listeners).toEqual(wanted);

    const text = (await ports(['--wide', '--state', 'live,conditional', 'stock-posix'])).stdout;
    expect(rowLines(text)).toHaveLength(wanted.length);
    expect(text).toContain(`\n${all.length - wanted.length} rows not shown (5 off)\n`);

    const csv = parse<Record<string, string>>(
      (await ports(['--format', 'csv', '--state', 'off', 'stock-posix'])).stdout,
      {
        columns: true,
      },
    );
    expect(csv.map((row) => row.state)).toEqual(all.filter((l) => l.state === 'off').map(() => 'off'));
  });

  it('rejects a state that is not one, naming the states', async () => {
    const { status, stderr, stdout } = await ports(['--state', 'live,open', 'stock-posix']);
    expectUserError({ status, stderr, stdout }, "'open'", 'live, conditional, off, dead');
  });
});

describe('CSV', () => {
  it('parses back with a real CSV parser into the rows of the JSON report, in plain ASCII', async () => {
    const { stdoutBytes } = await runCli(['ports', '--format', 'csv', 'stock-posix'], samplesDir);
    expect([...stdoutBytes].every((byte) => byte < 0x80)).toBe(true);
    // csv-parse is strict by default: a stray quote or a row with another number of cells throws.
    const rows = parse<Record<string, string>>(stdoutBytes.toString('utf8'), {
      columns: true,
      record_delimiter: '\r\n',
    });
    const json = JSON.parse((await ports(['--format', 'json', 'stock-posix'])).stdout).modules[0];
    expect(rows).toHaveLength(json.listeners.length + json.connections.length);
    const listens = rows.filter((row) => row.kind === 'listen');
    expect(
      listens.map((row) => [Number(row.port), row.protocol, row.service, row.daemon, row.state, row.product]),
    ).toEqual(
      json.listeners.map((l: JsonListener) => [l.port, l.protocol, l.service ?? '', l.daemon, l.state, l.product]),
    );
    const echo = listens.find((row) => row.port === '7')!;
    expect(echo.advice).toBe(
      'comment it out unless needed: "could be used as part of a denial of service (DOS) attack"',
    );
    const osn = listens.find((row) => row.port === '4000')!;
    expect(osn).toMatchObject({
      range_end: '',
      range_formula: '4000 + max_open_server (new_backbone_systems.tin)',
      condition: "the module is its system's bridge module",
    });
    expect(listens.find((row) => row.port === '3000')!.range_formula).toBe(
      '3000 + 2 x max_open_server (new_modules.tin)',
    );
  });

  it('gives range_end as a number once max_open_server is stated', async () => {
    const { stdout } = await ports([
      '--format',
      'csv',
      '--max-open-server',
      '32',
      '--backbone-max-open-server',
      '32',
      '--bridge',
      'stock-posix',
    ]);
    const rows = parse<Record<string, string>>(stdout, { columns: true });
    expect(
      rows.filter((row) => row.range_end !== '').map((row) => [row.port, row.range_end, row.range_formula]),
    ).toEqual([
      ['3000', '3064', ''],
      ['4000', '4032', ''],
    ]);
  });
});

describe('CSV of an incomplete model', () => {
  it('says on every row whether the module is complete, and what it could not decide, as JSON does', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'm1'));
    writeFileSync(
      join(dir, 'm1', 'module_start_up.cm'),
      '(master_disk)>system>stcp>start_stcp.cm\n(master_disk)>system>site>site_start.cm\nstart_process "ntpd.pm"\n',
    );
    mkdirSync(join(dir, 'm2'));
    writeFileSync(join(dir, 'm2', 'module_start_up.cm'), '(master_disk)>system>stcp>start_stcp.cm\n');
    const { stdout } = await vosAudit(['ports', '--format', 'csv', 'm1', 'm2'], { cwd: dir });
    const rows = parse<Record<string, string>>(stdout, { columns: true, record_delimiter: '\r\n' });
    const of = (module: string) => rows.filter((row) => row.module === module);
    expect(of('m1').length).toBeGreaterThan(0);
    expect(of('m2').length).toBeGreaterThan(0);
    for (const row of of('m2')) expect([row.module_complete, row.module_undecided]).toEqual(['true', '']);
    for (const row of of('m1')) {
      expect(row.module_complete).toBe('false');
      const causes = row.module_undecided!.split(' | ');
      expect(causes).toHaveLength(2);
      expect(causes[0]).toMatch(/site_start\.cm.* \(m1\/module_start_up\.cm:2\)$/);
      expect(causes[1]).toMatch(/ \(m1\/module_start_up\.cm:3\)$/);
    }
  });
});

describe('wrapText', () => {
  it('breaks at blanks within the width and keeps a word longer than a line whole', () => {
    expect(wrapText('aaa bbb ccc', 7, '', '  ')).toEqual(['aaa bbb', '  ccc']);
    expect(wrapText('a >system>stcp>command_library>tftpd.pm b', 10, '- ')).toEqual([
      '- a',
      '- >system>stcp>command_library>tftpd.pm',
      '- b',
    ]);
  });
});
