import { describe, expect, it } from 'vitest';
import type { Listener } from '../../src/model/listener.ts';
import { placeText } from '../../src/model/place.ts';
import { modelOf } from '../support/model.ts';

/**
 * The expected rows are written from Apache's documentation: each `Listen [addr:]port [protocol]` opens its port
 * (Apache listens nowhere without one); Include and IncludeOptional read other files; `<IfDefine NAME>` holds when
 * httpd is started with `-D NAME` (or a Define read before it sets it), `<IfDefine !NAME>` then does not;
 * `<IfModule m>` holds when m is loaded by then. httpd(8): `-C directive` is processed before reading the
 * configuration files, `-c directive` after; in a VOS string a quote is written twice, so
 * `'httpd.pm -C ''Listen 8081'''` passes `-C 'Listen 8081'`.
 */
function httpdRows(files: Record<string, string>): Listener[] {
  return modelOf(files)
    .listeners.filter((l) => l.daemon === 'httpd')
    .sort((a, b) => a.port - b.port);
}

const start = (args = '') => ({
  'module_start_up.cm': `start_process '(master_disk)>system>apache_install_dir>bin>httpd.pm${args}' -privileged\n`,
});
const summary = (rows: readonly Listener[]) =>
  rows.map((row) => ({
    port: row.port,
    state: row.state,
    at: row.decidedAt && placeText(row.decidedAt),
    ...(row.condition && { condition: row.condition }),
  }));

describe("httpd's ports from httpd.conf and its start line", () => {
  it('two Listen lines: two rows, each at its line, from the daemon config', () => {
    const rows = httpdRows({
      ...start(),
      'conf/httpd.conf': 'ServerRoot /opt/apache\nListen 8080\nListen [2001:db8::1]:8443 https\n',
    });
    expect(summary(rows)).toEqual([
      { port: 8080, state: 'live', at: 'conf/httpd.conf:2' },
      { port: 8443, state: 'live', at: 'conf/httpd.conf:3' },
    ]);
    expect(rows[0]!.portSource).toEqual({ from: 'daemon config', file: 'conf/httpd.conf' });
    expect(rows[1]!.service).toBe('https');
    expect(rows.every((row) => row.undecided === undefined)).toBe(true);
  });

  it('<IfDefine SSL> is a condition without -D SSL, holds with it; <IfDefine !SSL> is then off', () => {
    const config = {
      'httpd.conf':
        'Listen 80\n<IfDefine SSL>\n  Listen 443\n</IfDefine>\n<IfDefine !SSL>\n  Listen 8080\n</IfDefine>\n',
    };
    const without = summary(httpdRows({ ...start(), ...config }));
    expect(without[0]).toEqual({ port: 80, state: 'live', at: 'httpd.conf:1' });
    expect(without[1]).toMatchObject({ port: 443, state: 'conditional', condition: '<IfDefine SSL> (httpd.conf:2)' });
    expect(without[2]).toMatchObject({ port: 8080, state: 'conditional', condition: '<IfDefine !SSL> (httpd.conf:5)' });
    expect(summary(httpdRows({ ...start(' -D SSL'), ...config }))).toEqual([
      { port: 80, state: 'live', at: 'httpd.conf:1' },
      { port: 443, state: 'live', at: 'httpd.conf:3' },
      { port: 8080, state: 'off', at: 'httpd.conf:6' },
    ]);
  });

  it('<IfModule> holds when a LoadModule loads it, and stays a condition otherwise', () => {
    const config = (load: string) => ({
      'httpd.conf': `${load}Listen 80\n<IfModule mod_ssl.c>\nListen 443 https\n</IfModule>\n`,
    });
    expect(summary(httpdRows({ ...start(), ...config('') }))[1]).toMatchObject({
      state: 'conditional',
      condition: '<IfModule mod_ssl.c> (httpd.conf:2)',
    });
    expect(summary(httpdRows({ ...start(), ...config('LoadModule ssl_module modules/mod_ssl.so\n') }))[1]).toEqual({
      port: 443,
      state: 'live',
      at: 'httpd.conf:4',
    });
  });

  it('a Define or LoadModule read after the section does not decide it: Apache tests each section as it reads it', () => {
    const rows = httpdRows({
      ...start(),
      'httpd.conf':
        'Listen 80\n<IfModule ssl_module>\n  Listen 443\n</IfModule>\n<IfDefine SSL>\n  Listen 8443\n</IfDefine>\n' +
        'LoadModule ssl_module modules/mod_ssl.so\nDefine SSL\n<IfDefine SSL>\n  Listen 9443\n</IfDefine>\n',
    });
    expect(rows.map((row) => [row.port, row.state])).toEqual([
      [80, 'live'],
      [443, 'conditional'],
      [8443, 'conditional'],
      [9443, 'live'],
    ]);
  });

  it("Include and IncludeOptional among the module's files, their sections kept; a missing Include is undecided", () => {
    const rows = httpdRows({
      ...start(),
      'conf/httpd.conf':
        'Listen 80\n<IfDefine SSL>\nInclude conf/extra/httpd-ssl.conf\n</IfDefine>\nIncludeOptional conf.d/*.conf\n',
      'conf/extra/httpd-ssl.conf': 'Listen 443\n',
    });
    expect(summary(rows)).toEqual([
      { port: 80, state: 'live', at: 'conf/httpd.conf:1' },
      {
        port: 443,
        state: 'conditional',
        at: 'conf/extra/httpd-ssl.conf:1',
        condition: '<IfDefine SSL> (conf/httpd.conf:2)',
      },
    ]);
    expect(rows.every((row) => row.undecided === undefined)).toBe(true);
    const missing = httpdRows({ ...start(), 'httpd.conf': 'Include conf/extra/httpd-vhosts.conf\nListen 80\n' });
    expect(missing[0]!.undecided).toContain('conf/extra/httpd-vhosts.conf');
  });

  it('-f names the file; a cycle of includes is refused', () => {
    const files = {
      ...start(' -f /opt/apache/conf/site/httpd.conf'),
      'conf/site/httpd.conf': 'Listen 8000\n',
      'conf/httpd.conf': 'Listen 80\n',
    };
    expect(summary(httpdRows(files)).map((row) => row.port)).toEqual([8000]);
    const cycle = httpdRows({ ...start(), 'httpd.conf': 'Include httpd.conf\nListen 80\n' });
    expect(cycle.map((row) => row.port)).toEqual([80]);
    expect(cycle[0]!.undecided).toContain('cycle');
  });

  it('with no httpd.conf in the module, the catalog ports stay undecided as before', () => {
    const rows = httpdRows(start());
    expect(rows.map((row) => row.port)).toEqual([80, 443]);
    expect(rows[0]!.portSource).toEqual({ from: 'unread file', file: 'httpd.conf' });
  });
  it("-C and -c: each Listen opens its port beside the file's, from the start line", () => {
    const rows = httpdRows({
      ...start(" -C ''Listen 8081'' -c ''Listen 192.0.2.7:8082 https''"),
      'conf/httpd.conf': 'Listen 8080\n',
    });
    expect(rows.map((row) => [row.port, row.state, row.portSource])).toEqual([
      [8080, 'live', { from: 'daemon config', file: 'conf/httpd.conf' }],
      [8081, 'live', { from: 'argument', written: '-C Listen 8081', resolved: true }],
      [8082, 'live', { from: 'argument', written: '-c Listen 192.0.2.7:8082 https', resolved: true }],
    ]);
    expect(rows[2]).toMatchObject({ service: 'https', note: 'on 192.0.2.7 only (Listen)' });
    expect(rows.every((row) => row.undecided === undefined)).toBe(true);
  });

  it('-C Define and -C LoadModule decide the sections, as -D does; -c comes after the file is read', () => {
    const config = {
      'httpd.conf':
        'Listen 80\n<IfDefine SSL>\nListen 443\n</IfDefine>\n<IfModule ssl_module>\nListen 8443\n</IfModule>\n',
    };
    const states = (args: string) => summary(httpdRows({ ...start(args), ...config })).map((row) => row.state);
    expect(states('')).toEqual(['live', 'conditional', 'conditional']);
    const load = "LoadModule ssl_module modules/mod_ssl.so''";
    expect(states(` -C ''Define SSL'' -C ''${load}`)).toEqual(['live', 'live', 'live']);
    expect(states(` -c ''Define SSL'' -c ''${load}`)).toEqual(['live', 'conditional', 'conditional']);
  });

  it('without httpd.conf, a -C Listen is live and the catalog ports stay undecided; an unreadable -C is said', () => {
    const rows = httpdRows(start(" -C ''Listen 8081''"));
    expect(rows.map((row) => [row.port, row.undecided === undefined])).toEqual([
      [80, false],
      [443, false],
      [8081, true],
    ]);
    const unread = httpdRows({ ...start(" -C ''Listen''"), 'httpd.conf': 'Listen 80\n' });
    expect(unread.map((row) => row.port)).toEqual([80]);
    expect(unread[0]!.undecided).toContain('-C Listen');
  });

  it('a -C Include is not followed, so the rows are undecided; a quote never closed does not swallow -D', () => {
    const included = httpdRows({
      ...start(" -C ''Include conf/extra/ports.conf''"),
      'httpd.conf': 'Listen 80\n',
      'conf/extra/httpd-ports.conf': 'Listen 9000\n',
    });
    expect(included.map((row) => row.port)).toEqual([80]);
    expect(included[0]!.undecided).toContain('-C Include conf/extra/ports.conf');
    const unclosed = httpdRows({
      ...start(" -C ''Listen 8081 -D SSL"),
      'httpd.conf': 'Listen 80\n<IfDefine SSL>\nListen 443\n</IfDefine>\n',
    });
    expect(unclosed.map((row) => [row.port, row.state])).toEqual([
      [80, 'live'],
      [443, 'live'],
    ]);
  });
});
