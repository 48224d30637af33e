import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/report/json-chunks.ts';
import { parseNmapXml, ScanError } from '../../src/scan/nmap-scan.ts';
import { maxHostsListed, verifyScan } from '../../src/scan/verify.ts';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { modelOf } from '../support/verify.ts';

const scan = (hostBody: string, services = '1-65535', extra = '') =>
  '<?xml version="1.0"?>\n<nmaprun scanner="nmap" version="7.93">\n' +
  `<scaninfo type="syn" protocol="tcp" numservices="65535" services="${services}"/>\n` +
  `<host><status state="up" reason="syn-ack"/><address addr="10.1.2.3" addrtype="ipv4"/>\n<ports>${hostBody}</ports></host>\n` +
  `${extra}<runstats><finished exit="success"/></runstats>\n</nmaprun>\n`;

const repeatedReasons = (n: number) =>
  `<extraports state="filtered" count="65535">${'<extrareasons reason="no-response" proto="tcp" ports="1-65535"/>\n'.repeat(n)}</extraports>\n` +
  '<port protocol="tcp" portid="23"><state state="open" reason="syn-ack"/></port>\n';

/** The README's Safety section states the scan limit: 8 MB. */
const scanLimit = 8 * 1024 * 1024;

/** A directory holding one module, m1, to verify. */
function moduleDirectory(): string {
  const dir = temporaryDirectory();
  mkdirSync(join(dir, 'm1'));
  writeFileSync(join(dir, 'm1', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  return dir;
}

describe('an nmap scan past what vos-audit reads', () => {
  it('over the scan limit is refused in one line, exit 2, nothing on standard output', async () => {
    const dir = moduleDirectory();
    const file = join(dir, 'big.xml');
    writeFileSync(file, scan('', '1-1024', `<!-- ${'x'.repeat(scanLimit)} -->\n`));
    const result = await vosAudit(['verify', '--scan', file, '--address', '10.1.2.3', 'm1'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/big\.xml is 8\.0 MB, more than the 8 MB vos-audit reads of an nmap scan; not read/);
  });

  it('just under the limit is read', async () => {
    const dir = moduleDirectory();
    const file = join(dir, 'large.xml');
    const body = scan('', '1-1024', `<!-- ${'x'.repeat(scanLimit - 1000)} -->\n`);
    writeFileSync(file, body);
    const result = await vosAudit(['verify', '--scan', file, '--address', '10.1.2.3', 'm1'], { cwd: dir });
    expect(result.stderr).toBe('');
  });

  it('nesting elements far deeper than nmap does is refused as not nmap output', () => {
    const deep = scan(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`);
    expect(() => parseNmapXml(deep)).toThrow(ScanError);
    expect(() => parseNmapXml(scan(`${'<a>'.repeat(50)}${'</a>'.repeat(50)}`))).not.toThrow();
  });
});

describe('port ranges stay ranges', () => {
  it('repeated <extrareasons> of 1-65535 are one range of the <extraports>', () => {
    const parsed = parseNmapXml(scan(repeatedReasons(50)));
    expect(parsed.hosts[0]!.extra.map((e) => e.reasons)).toEqual([
      [{ protocol: 'tcp', ranges: [{ from: 1, to: 65535 }] }],
    ]);
    expect(parsed.probed.get('tcp')).toEqual([{ from: 1, to: 65535 }]);
  });

  it('the undecided ports are counted once each, and listed as ranges around the ports judged', () => {
    const verification = verifyScan(parseNmapXml(scan(repeatedReasons(50))), [
      { name: 'm1', addresses: ['10.1.2.3'], model: modelOf('m1') },
    ]);
    // tcp/23 is listed open (telnetd, as the module starts it); the other live tcp ports are judged from the
    // <extraports> filtered; every other port of 1-65535 is undecided where the module starts nothing.
    const undecided = verification.findings.filter((f) => f.id === 'verify-port-undecided' && f.span.start < 250);
    const elsewhere = verification.findings.find((f) => / where m1's configuration starts nothing /.test(f.reason))!;
    const listed = /tcp\/(.*)$/.exec(elsewhere.reason)![1]!.split(', ');
    expect(listed.every((part) => /^\d+(-\d+)?$/.test(part))).toBe(true);
    const count = listed.reduce((sum, part) => {
      const [from, to = from] = part.split('-').map(Number);
      return sum + to! - from! + 1;
    }, 0);
    expect(Number(elsewhere.reason.split(' ')[0])).toBe(count);
    expect(count).toBeLessThan(65535);
    expect(verification.modules[0]!.tally!.undecided).toBe(count + undecided.length - 1);
  });
});

describe('a report in chunks', () => {
  it.each([
    ['no items', []],
    ['one', [{ a: 1 }]],
    [
      'many, with nested values',
      Array.from({ length: 2500 }, (_, i) => ({ i, place: { line: i }, related: [i, 'x'] })),
    ],
  ])('joins to what JSON.stringify writes: %s', (_what, items: unknown[]) => {
    const slot: unknown[] = [];
    const report = { version: 1, runs: [{ tool: 'x', results: slot, after: true }] };
    const joined = [...jsonChunks(report, slot, items)].join('');
    expect(joined).toBe(
      `${JSON.stringify({ version: 1, runs: [{ tool: 'x', results: items, after: true }] }, null, 2)}\n`,
    );
  });
});

describe('hosts no module has', () => {
  const hosts = (n: number) =>
    '<?xml version="1.0"?>\n<nmaprun scanner="nmap" version="7.93">\n' +
    '<scaninfo type="syn" protocol="tcp" numservices="1024" services="1-1024"/>\n' +
    Array.from(
      { length: n },
      (_, i) => `<host><status state="up"/><address addr="10.9.${i >> 8}.${i & 255}" addrtype="ipv4"/></host>\n`,
    ).join('') +
    '<runstats><finished exit="success"/></runstats>\n</nmaprun>\n';
  const withoutModule = (n: number) => {
    const scan = parseNmapXml(hosts(n));
    const findings = verifyScan(scan, []).findings.filter((f) => f.id === 'verify-host-without-module');
    return { scan, findings };
  };

  it('are listed one finding each up to the limit', () => {
    const { scan, findings } = withoutModule(maxHostsListed);
    expect(findings.map((f) => f.span)).toEqual(scan.hosts.map((h) => h.span));
  });

  it('past the limit, the rest are counted in one finding at the first host not listed', () => {
    const { scan, findings } = withoutModule(maxHostsListed + 7);
    expect(findings).toHaveLength(maxHostsListed + 1);
    expect(findings.slice(0, maxHostsListed).map((f) => f.span)).toEqual(
      scan.hosts.slice(0, maxHostsListed).map((h) => h.span),
    );
    expect(findings.at(-1)!.span).toEqual(scan.hosts[maxHostsListed]!.span);
    expect(findings.at(-1)!.reason.split(' ')[0]).toBe('7');
  });
});
