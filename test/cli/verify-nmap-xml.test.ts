import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNmapXml, ScanError } from '../../src/scan/nmap-scan.ts';
import type { ModuleToVerify } from '../../src/scan/verification.ts';
import { verifyScan } from '../../src/scan/verify.ts';
import { LineIndex } from '../../src/syntax/position.ts';
import { canonicalAddress } from '../../src/util/address.ts';
import { vosAudit } from '../support/cli.ts';
import { modelOf, nmapFixture } from '../support/verify.ts';

const text = (name: string) => readFileSync(nmapFixture(name), 'utf8');

/** Each finding as `line id: reason`, its line in the scan, and its evidence as `file:line reason`. */
function verdicts(name: string, modules: ModuleToVerify[]) {
  const index = new LineIndex(text(name));
  const verification = verifyScan(parseNmapXml(text(name)), modules);
  return {
    findings: verification.findings.map((f) => [
      `${index.point(f.span.start).line} ${f.id}: ${f.reason}`,
      ...f.related.map((r) => `  ${r.place.file}:${r.place.position.start.line} ${r.reason}`),
    ]),
    tallies: verification.modules.map((m) => m.tally),
  };
}

describe('verify against committed nmap XML', () => {
  it('filtered and open|filtered ports are undecided, never agreement; the rest judged port by port', () => {
    const { findings, tallies } = verdicts('filtered.xml', [
      { name: 'm1', addresses: ['10.1.2.3'], model: modelOf('m1') },
    ]);
    expect(findings).toEqual([
      [
        "7 verify-port-undecided: 27 probed ports on 10.1.2.3 where m1's configuration starts nothing are filtered or open|filtered, so not known to be closed: tcp/1-6, 8-20, 24-30; udp/123",
      ],
      [
        "7 verify-ports-not-probed: 3 of m1's 9 live or conditional ports were not probed by the scan, so not judged: tcp/85 (telnetd), tcp/3000-3999 (kernel (OSL)), tcp/4000-4999 (kernel (OSN))",
      ],
      [
        "16 verify-port-undecided: tcp/22 is filtered on 10.1.2.3: the scan cannot tell whether sshd listens there, as m1's configuration says it does if (software_purchased S270)",
        '  m1/module_start_up.cm:3 sshd is started here if (software_purchased S270)',
      ],
      [
        "17 verify-live-port-closed: tcp/23 is closed on 10.1.2.3 but m1's configuration starts telnetd there (assumed: no telnet_admin listing given): it failed to start or stopped, or the configuration is not booted yet",
        '  m1/module_start_up.cm:1 telnetd is started here',
      ],
      [
        "18 verify-port-undecided: udp/7 is open|filtered on 10.1.2.3: the scan cannot tell whether inetd listens there, as m1's configuration says it does",
        "  m1/module_start_up.cm:1 inetd's start goes through here",
        '  m1/inetd.conf:2 inetd is started here',
      ],
    ]);
    // tcp/7, tcp/21 and udp/161 open as configured; udp/37 closed as its commented-out line says.
    expect(tallies[0]).toMatchObject({
      openAsExpected: 3,
      closedAsExpected: 1,
      unexplainedOpen: 0,
      liveButClosed: 1,
      notProbed: 3,
      expected: 9,
    });
  });

  it('a module of several addresses is verified at the first the scan has; its hosts at the others have a module', () => {
    const modules = [
      { name: 'm1', addresses: ['10.1.2.5', '10.1.2.3', '10.1.2.4'], model: modelOf('m1') },
      { name: 'm2', addresses: ['10.1.2.9'], model: modelOf('m2') },
    ];
    const verification = verifyScan(parseNmapXml(text('several-hosts.xml')), modules);
    expect(verification.modules[0]).toMatchObject({ name: 'm1', address: '10.1.2.3' });
    expect(verification.findings.map((f) => f.id)).not.toContain('verify-host-without-module');
  });

  it('several hosts: each matched by address; a host without a module, a module down, absent or without an address are stated', () => {
    const modules = [
      { name: 'm1', addresses: ['10.1.2.3'], model: modelOf('m1') },
      { name: 'm2', addresses: ['10.1.2.9'], model: modelOf('m2') },
      { name: 'm3', addresses: ['10.1.2.5'], model: modelOf('m3') },
      { name: 'm4', model: modelOf('m4') },
    ];
    const lines = verdicts('several-hosts.xml', modules).findings.map((f) => f[0]);
    expect(lines).toEqual([
      '5 verify-module-not-scanned: m3 (10.1.2.5) is not in the scan: none of its ports were verified',
      '5 verify-module-not-scanned: m4 has no address, so no scanned host is matched to it: set "address" in its .vos-audit.json, or use --address',
      "7 verify-ports-not-probed: 5 of m1's 9 live or conditional ports were not probed by the scan, so not judged: udp/7 (inetd), tcp/85 (telnetd), udp/161 (snmpd), tcp/3000-3999 (kernel (OSL)), tcp/4000-4999 (kernel (OSN))",
      // Before nmap 7.90 <extraports> named no ports: one such element covers every probed port not listed.
      "13 verify-live-port-closed: tcp/7 is closed on 10.1.2.3 but m1's configuration starts inetd there: it failed to start or stopped, or the configuration is not booted yet",
      '13 verify-condition-settled: sshd is not listening on m1 (tcp/22 is closed on 10.1.2.3): S270 is not purchased, or sshd failed to start',
      '20 verify-host-without-module: host 10.1.2.4 (printer.example.com) is in the scan but no module has its address: set "address" in the module\'s .vos-audit.json, or use --address',
      "30 verify-module-not-scanned: m2's address 10.1.2.9 is down in the scan (no-response): none of its ports were verified",
    ]);
  });

  it('IPv6: the address matches in any spelling; with --products the condition is decided, so a closed port is a live port closed', () => {
    const open = verdicts('ipv6.xml', [
      { name: 'm1', addresses: [canonicalAddress('FD00:0:0::3')!], model: modelOf('m1') },
    ]);
    expect(open.tallies[0]).toMatchObject({ openAsExpected: 2, conditionsSettled: 1 });
    const decided = verdicts('ipv6.xml', [
      { name: 'm1', addresses: ['fd00::3'], model: modelOf('m1', { products: new Set(['S270']) }) },
    ]);
    // The finding's wording is checked with the others of verify; here, that it is this one, on this port, undecided.
    expect(decided.findings.map((f) => f[0])).toContainEqual(
      expect.stringMatching(/^10 verify-live-port-closed: tcp\/22 is closed on fd00::3 .*\(undecided: /),
    );
  });

  it('an open port settles a condition in the words of the product: "sshd is running: S270 is purchased"', () => {
    const scan = text('ipv6.xml').replace('portid="21"', 'portid="22"');
    const verification = verifyScan(parseNmapXml(scan), [{ name: 'm1', addresses: ['fd00::3'], model: modelOf('m1') }]);
    expect(verification.findings.map((f) => f.reason)).toContain(
      'sshd is running on m1 (tcp/22 is open on fd00::3): S270 is purchased',
    );
  });

  it.each([
    ['truncated.xml', /^is cut short: it ends inside <ports>, before <\/nmaprun>/],
    ['', /^is empty/],
    [
      'echo stream tcp nowait root internal\n',
      /^is not an nmap XML scan \(nmap -oX writes one\): text data outside of root node/,
    ],
    ['<?xml version="1.0"?>\n<report><host/></report>\n', /^is not an nmap XML scan: its root element is <report>/],
    [
      '<nmaprun><scaninfo protocol="tcp" services="1-10"/><host></nmaprun>',
      /^is not well-formed XML: unexpected close tag/,
    ],
    [
      '<nmaprun><runstats><finished exit="error" errormsg="Failed to open device eth9"/></runstats></nmaprun>',
      /^is from a scan that failed: nmap says "Failed to open device eth9"/,
    ],
    ['<nmaprun><host/></nmaprun>', /^probed no TCP or UDP port/],
  ])('a scan that cannot be used is a ScanError: %j', (input, message) => {
    const scan = input.endsWith('.xml') ? text(input) : input;
    expect(() => parseNmapXml(scan)).toThrow(ScanError);
    expect(() => parseNmapXml(scan)).toThrow(message);
  });

  it('the command exits 2 on a truncated scan or one that is not nmap XML, naming the file', async () => {
    const dir = new URL('../../samples/', import.meta.url).pathname;
    const truncated = await vosAudit(
      ['verify', '--scan', nmapFixture('truncated.xml'), '--address', '10.1.2.3', 'stock-posix'],
      { cwd: dir },
    );
    expect(truncated).toMatchObject({ status: 2, stdout: '' });
    expect(truncated.stderr).toMatch(/^vos-audit: \/.*truncated\.xml is cut short: it ends inside <ports>/);
    const notNmap = await vosAudit(
      ['verify', '--scan', 'stock-posix/inetd.conf', '--address', '10.1.2.3', 'stock-posix'],
      { cwd: dir },
    );
    expect(notNmap).toMatchObject({ status: 2, stdout: '' });
    expect(notNmap.stderr).toMatch(/^vos-audit: stock-posix\/inetd\.conf is not an nmap XML scan/);
  });
});
