import { describe, expect, it } from 'vitest';
import { parseRelease } from '../../src/catalog/releases.ts';
import { runCli } from '../support/cli.ts';
import { modelOf, rowsOf } from '../support/model.ts';
import { samplesDir } from '../support/sources.ts';

const noRelease = { release: undefined } as const;

describe('releases and products', () => {
  it('assumes no release: a port of some releases only is conditional on them, in the article’s words', () => {
    const model = modelOf({ 'module_start_up.cm': "start_process 'httpd.pm'\n!start_ntpd\n" }, noRelease);
    expect(rowsOf(model, 'httpd')[0]).toMatchObject({
      port: 80,
      state: 'conditional',
      condition: 'VOS 14.3–14.7 or 15.2+',
    });
    expect(rowsOf(model, 'ntpd')[0]).toMatchObject({ port: 123, state: 'conditional', condition: 'VOS 15.1+' });
  });

  it('shows nfs_server started by a site macro as conditional, not off, and only where the portmapper runs', () => {
    const withPortmap = modelOf(
      { 'module_start_up.cm': 'start_process portmap.pm\nstart_process nfs_server.pm\n' },
      noRelease,
    );
    expect(rowsOf(withPortmap, 'nfs_server')[0]).toMatchObject({
      state: 'conditional',
      condition: 'VOS up to 15.x and (VOS 15.1.1+ or before 15.0)',
    });
    const alone = modelOf(
      { 'module_start_up.cm': 'start_process nfs_server.pm\n' },
      { release: parseRelease('14.4')! },
    );
    expect(rowsOf(alone, 'nfs_server')[0]).toMatchObject({
      state: 'off',
      note: 'it registers with the portmapper, which does not run here',
    });
  });

  it('gives 111 as S135/S048, gone in 15.0 with the doubt about 15.0 itself noted, and back in 15.1.1', () => {
    const at = (release: string) =>
      modelOf(
        { 'module_start_up.cm': 'start_process portmap.pm\n' },
        { release: parseRelease(release)! },
      ).listeners.find((l) => l.port === 111)!;
    expect(at('15.0')).toMatchObject({ state: 'off', product: 'S135/S048' });
    expect(at('15.0').note).toContain('the article\'s "All until 15.0" may or may not include 15.0 itself');
    expect(at('15.1.0').state).toBe('off');
    expect(at('15.1').state).toBe('conditional');
    expect(at('15.1.1').state).toBe('live');
    expect(at('14.7').state).toBe('live');
  });

  it('never prints a release the article does not give for 2049', () => {
    const model = modelOf(
      { 'module_start_up.cm': 'start_process portmap.pm\nstart_process nfs_server.pm\n' },
      { release: parseRelease('15.2')! },
    );
    const nfs = model.listeners.find((l) => l.port === 2049)!;
    expect(`${nfs.condition} ${nfs.note}`).not.toMatch(/15\.2/);
    expect(nfs.note).toContain('"All until 15.x"');
  });

  it('prints concrete kernel ranges from max_open_server and the bridge, with who may connect', async () => {
    const result = await runCli(
      ['ports', '--wide', '--max-open-server', '20', '--backbone-max-open-server', '20', '--no-bridge', 'hardened'],
      samplesDir,
    );
    expect(result.stdout).toMatch(
      /^3000–3040 +tcp +OSL +STCP +kernel \(OSL\) +kernel +live .*only modules of the same system connect/m,
    );
    expect(result.stdout).toMatch(
      /^4000–4020 +tcp +OSN +STCP +kernel \(OSN\) +kernel +off +not a bridge module \(stated\)/m,
    );
  });

  it('begins the text of the audit and of ports with what was assumed', async () => {
    const ports = await runCli(
      ['ports', '--nio', '--products', 's270,S269', '--release', '15.1.0AR', 'hardened'],
      samplesDir,
    );
    expect(ports.stdout.split('\n')[0]).toBe('assumed: VOS 15.1.0ar; products S269, S270; an NIO');
    const audit = await runCli(['--wide', 'hardened'], samplesDir);
    expect(audit.stdout.split('\n')[0]).toBe(
      'assumed: release not stated (ports of some releases only are conditional on them); products not stated (software_purchased conditions stay open); no NIO',
    );
  });

  it('carries the product code on every row of ports, in text, JSON and CSV', async () => {
    const json = JSON.parse((await runCli(['ports', '--format', 'json', 'stock-posix'], samplesDir)).stdout);
    const products = new Set(json.modules[0].listeners.map((l: { product: string }) => l.product));
    expect([...products].sort()).toEqual(['S266', 'S269', 'S270', 'STCP']);
    const csv = (await runCli(['ports', '--format', 'csv', 'stock-posix'], samplesDir)).stdout.split('\r\n');
    expect(csv.find((line) => line.startsWith('stock-posix,901,'))).toContain(',S269,general Unix,listen');
  });
});

describe('evidence over assumptions, and one truth', () => {
  it('keeps a listing row and an active inetd line live whatever the release, with a note', () => {
    const model = modelOf(
      {
        'module_start_up.cm': '!start_stcp\n',
        'telnet_admin.txt': 'Service  Port\nrsn      85\n',
        'inetd.conf': 'swat stream tcp nowait root >system>samba>command_library>swat.pm swat\n',
      },
      { release: parseRelease('14.0')! },
    );
    expect(rowsOf(model, 'telnetd')).toEqual([
      {
        port: 85,
        state: 'live',
        note: 'rsn listener of telnet_admin; telnetd on 85 exists in VOS 15.0+ (the article), not in 14.0: this line binds the port anyway',
      },
    ]);
    expect(rowsOf(model, 'swat')).toEqual([
      {
        port: 901,
        state: 'live',
        note: 'swat on 901 exists in VOS 14.4+ (the article), not in 14.0: this line binds the port anyway',
      },
    ]);
  });

  it('makes the audit and ports agree on swat at --release 14.0', async () => {
    const audit = await runCli(['--wide', '--release', '14.0', 'stock-posix'], samplesDir);
    const ports = await runCli(['ports', '--wide', '--release', '14.0', 'stock-posix'], samplesDir);
    expect(audit.stdout).toContain('not in 14.0: this line binds the port anyway)  inetd-swat');
    expect(ports.stdout).toMatch(
      /^901 +tcp +swat +S269 +swat +inetd +live +swat on 901 exists in VOS 14\.4\+ \(the article\), not in 14\.0/m,
    );
  });

  it('lists a line that does not parse as undecided, with its place, and says the model is incomplete', async () => {
    const result = await runCli(['ports', '--release', '14.0', 'evidence'], samplesDir);
    expect(result.stdout).toContain('undecided (the model is incomplete: 2 things it could not decide):');
    expect(result.stdout).toContain(
      "undecided: a line of inetd.conf that does not parse (Unexpected end of line after 'udp'",
    );
    expect(result.stdout).toContain('(evidence/inetd.conf:5)');
  });

  it('does not say inetd is never started when an unread macro might start it', async () => {
    const files = {
      'module_start_up.cm': '!(master_disk)>site>start_network\n',
      'inetd.conf': 'time stream tcp nowait root internal\n',
    };
    const model = modelOf(files);
    expect(model.inetd).toMatchObject({
      state: 'conditional',
      condition: 'module_start_up.cm:1 (a macro vos-audit has not read) starts inetd',
    });
    expect(model.listeners.find((l) => l.port === 37)?.state).toBe('conditional');
    const result = await runCli(['evidence'], samplesDir);
    expect(result.stdout).not.toContain('inetd-not-started');
    expect(result.stdout).not.toContain('telnet-without-sshd');
  });

  it('does not take a telnet_admin listing that fails to parse for no listing', () => {
    const model = modelOf({ 'module_start_up.cm': '!start_stcp\n', 'telnet_admin.txt': 'telnet 23 login\n' });
    expect(rowsOf(model, 'telnetd').map((r) => r.note)).toEqual([
      'assumed: the telnet_admin listing given cannot be read',
      'assumed: the telnet_admin listing given cannot be read',
    ]);
    expect(model.unresolved.map((u) => u.reason)).toContain(
      "the telnet_admin listing has no row vos-audit can read: telnetd's ports are assumed, not known",
    );
  });

  it('never makes the model undecided from a comment line', () => {
    const model = modelOf({
      'module_start_up.cm':
        '!start_stcp\n& !(master_disk)>site>start_old_backup\n& #m1_d02>Paging>file provides 8GB of paging\n',
    });
    expect(model.unresolved).toEqual([]);
    expect(model.unreadMacros).toEqual([]);
  });
});
