import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { samplesDir } from '../support/sources.ts';

function copyOf(sample: string): string {
  const dir = temporaryDirectory();
  cpSync(join(samplesDir, sample), dir, { recursive: true });
  return dir;
}

describe('vos-audit tcpdmatch', () => {
  it('grants the NIO by the rule in hosts.allow and denies anyone else by hosts.deny', async () => {
    const nio = await vosAudit(['tcpdmatch', 'tftpd', '10.9.9.9', 'nio-tcpd'], { cwd: samplesDir });
    expect(nio).toEqual({
      status: 0,
      stdout:
        'client:   address  10.9.9.9\nserver:   process  tftpd\nmatched:  nio-tcpd/hosts.allow:3  tftpd tftpd.pm: 10.9.9.9\naccess:   granted\n',
      stderr: '',
    });
    const other = await vosAudit(['tcpdmatch', '--format', 'json', 'tftpd.pm', '10.9.9.8', 'nio-tcpd'], {
      cwd: samplesDir,
    });
    expect(JSON.parse(other.stdout)).toEqual({
      daemon: 'tftpd.pm',
      client: '10.9.9.8',
      access: 'denied',
      matched: { file: 'nio-tcpd/hosts.deny', line: 2 },
      notes: [],
    });
  });

  it('says where a host name could change the answer, and where a pattern file is missing', async () => {
    const result = await vosAudit(['tcpdmatch', '--wide', 'tftpd', 'root@203.0.113.7', 'tcpd-broken'], {
      cwd: samplesDir,
    });
    expect(result.stdout).toBe(
      [
        'client:   address  203.0.113.7',
        'client:   username root',
        'server:   process  tftpd',
        'matched:  tcpd-broken/hosts.allow:9  ALL: ALL',
        'access:   granted',
        'note:     no DNS: tcpd-broken/hosts.allow:6 has patterns that match by host name or netgroup (nio.example.com, KNOWN); 203.0.113.7 is given no name here, so with its real name the answer may differ',
        "note:     the pattern file /etc/tftp.clients is not among the module's files: it matches nothing here, but tcpd would read it",
        '',
      ].join('\n'),
    );
    const byName = await vosAudit(
      ['tcpdmatch', '--format', 'json', 'tftpd@10.0.0.1', 'nio.example.com', 'tcpd-broken'],
      { cwd: samplesDir },
    );
    // Matched by name, by a rule whose misspelt option makes tcpd deny.
    expect(JSON.parse(byName.stdout)).toMatchObject({
      access: 'denied',
      matched: { file: 'tcpd-broken/hosts.allow', line: 6 },
    });
    expect(JSON.parse(byName.stdout).notes).toEqual([
      "tcpd refuses the option 'alow' and so denies the client",
      'no DNS: nio.example.com is matched by its name only; patterns of addresses would need its address',
    ]);
  });

  it('says what it makes of a pattern file too large to read, and of one that names itself', async () => {
    const dir = temporaryDirectory();
    writeFileSync(
      join(dir, 'inetd.conf'),
      `tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n${'#'.repeat(40 * 1024)}\n`,
    );
    writeFileSync(join(dir, 'hosts.allow'), 'tftpd: /inetd.conf 10.9.9.9 /hosts.allow\n');
    const result = await vosAudit(['tcpdmatch', '--format', 'json', 'tftpd', '10.9.9.8', '.'], { cwd: dir });
    expect(JSON.parse(result.stdout)).toMatchObject({ access: 'denied', matched: null });
    expect(JSON.parse(result.stdout).notes).toEqual([
      'the pattern file /inetd.conf is larger than the 32 kB vos-audit reads of a pattern file (as of a hosts file): it matches nothing here, but tcpd would read it',
      "the pattern file /hosts.allow names itself, through its own patterns or another file's: tcpd recurses until it crashes, and the client is not served",
    ]);
    const audit = JSON.parse((await vosAudit(['--format', 'json', '.'], { cwd: dir })).stdout);
    const reasons = audit.files
      .flatMap((file: { messages: Array<{ ruleId: string; reason: string }> }) => file.messages)
      .filter((m: { ruleId: string }) => m.ruleId === 'hosts-access-pattern-file')
      .map((m: { reason: string }) => m.reason);
    expect(reasons).toEqual([
      "Pattern file '/inetd.conf' is 40.1 kB, more than the 32 kB vos-audit reads of a pattern file (as of a hosts file), so who this rule admits is unknown; keep the list shorter, or write the addresses in the rule",
    ]);
  });

  it('without any policy file grants, as tcpd does; with two modules it asks for one', async () => {
    expect((await vosAudit(['tcpdmatch', 'tftpd', '10.9.9.9', 'hardened'], { cwd: samplesDir })).stdout).toContain(
      'matched:  no rule\naccess:   granted\n',
    );
    const two = await vosAudit(['tcpdmatch', 'tftpd', '10.9.9.9', 'nio-tcpd', 'tcpd-open'], { cwd: samplesDir });
    expectUserError(two, 'nio-tcpd', 'tcpd-open');
  });
});

describe('who may connect, in ports and in the rules', () => {
  it('ports shows tcpd’s policy on wrapped rows, in text and JSON', async () => {
    const text = (await vosAudit(['ports', 'nio-tcpd'], { cwd: samplesDir })).stdout;
    expect(text).toMatch(/^69 +udp +tftp +STCP +tftpd +inetd +live +tcpd: 10\.9\.9\.9 only$/m);
    const json = JSON.parse((await vosAudit(['ports', '--format', 'json', 'tcpd-open'], { cwd: samplesDir })).stdout);
    const wrapped = json.modules[0].listeners.filter((l: { wrappedBy?: string }) => l.wrappedBy === 'tcpd');
    expect(wrapped.map((l: { port: number; admits?: string }) => [l.port, l.admits])).toEqual([
      [67, 'anyone'],
      [69, 'anyone'],
      [901, 'anyone'],
    ]);
  });

  it('checks the NIO module against its nioAddress; --nio-address overrides it', async () => {
    expect((await vosAudit(['nio-tcpd'], { cwd: samplesDir })).status).toBe(0);
    const other = await vosAudit(['--wide', '--nio-address', '10.9.9.10', 'nio-tcpd'], { cwd: samplesDir });
    expect(other.status).toBe(1);
    expect(other.stdout).toContain(
      "nio-tcpd/hosts.allow:3:1  error  tftpd on udp/69 does not admit the NIO (10.9.9.10), which needs it: a suggestion adds 'tftpd tftpd.pm: 10.9.9.10' to hosts.allow before the other rules  tcpd-nio-tftp",
    );
    const bad = await vosAudit(['--nio-address', 'nio.example.com', 'nio-tcpd'], { cwd: samplesDir });
    expectUserError(bad, 'nio.example.com');
  });

  it('offers the policy lines only with --suggestions, and then they hold', async () => {
    const dir = copyOf('tcpd-open');
    writeFileSync(join(dir, '.vos-audit.json'), JSON.stringify({ nio: true, nioAddress: ['10.9.9.9'] }));
    writeFileSync(join(dir, 'hosts.deny'), '# refused\n');
    await vosAudit(['--fix', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'hosts.allow'), 'utf8')).not.toContain('10.9.9.9');
    await vosAudit(['--fix', '--suggestions', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'hosts.deny'), 'utf8')).toBe('# refused\nALL: ALL\n');
    expect(readFileSync(join(dir, 'hosts.allow'), 'utf8')).toMatch(/\ntftpd tftpd\.pm: 10\.9\.9\.9\n$/);
    expect((await vosAudit(['tcpdmatch', 'tftpd.pm', '10.9.9.9', '.'], { cwd: dir })).stdout).toContain(
      'access:   granted',
    );
    expect((await vosAudit(['tcpdmatch', 'tftpd', '10.9.9.8', '.'], { cwd: dir })).stdout).toContain(
      'access:   denied',
    );
  });

  it('refuses an nioAddress that is not an address', async () => {
    const dir = copyOf('nio-tcpd');
    writeFileSync(join(dir, '.vos-audit.json'), JSON.stringify({ nio: true, nioAddress: 'nio' }));
    const result = await vosAudit(['.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`'nioAddress' must be the NIO's address, or a list of them`);
  });
});

describe('suggested policy lines in files that end lines with a lone CR', () => {
  it('are added once, with a line feed, since tcpd reads lines up to a line feed', async () => {
    const dir = temporaryDirectory();
    writeFileSync(
      join(dir, 'inetd.conf'),
      'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\r',
    );
    writeFileSync(join(dir, 'hosts.allow'), 'swat: 10.1.1.1\r');
    writeFileSync(join(dir, 'hosts.deny'), 'swat: ALL\r');
    const args = ['--nio', '--nio-address', '10.9.9.9', '--fix', '--suggestions', dir];
    await vosAudit(args, { cwd: samplesDir });
    expect(readFileSync(join(dir, 'hosts.allow'), 'utf8')).toBe('swat: 10.1.1.1\r\ntftpd tftpd.pm: 10.9.9.9\n');
    await vosAudit(args, { cwd: samplesDir });
    expect(readFileSync(join(dir, 'hosts.allow'), 'utf8')).toBe('swat: 10.1.1.1\r\ntftpd tftpd.pm: 10.9.9.9\n');
  });
});
