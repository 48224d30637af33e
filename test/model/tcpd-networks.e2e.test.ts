/*
 * The networks a firewall is given for a service behind tcpd, checked against Debian's tcpdmatch: every address at
 * the edges of each network, and just outside them, must get tcpdmatch's verdict "granted" exactly when it is inside.
 */
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admittedNetworks } from '../../src/model/tcpd-networks.ts';
import { hasTcpdmatch, policyOf, tcpdmatchVerdicts, writePolicy, type PolicyFiles } from '../support/tcpd.ts';

const dir = mkdtempSync(join(tmpdir(), 'vos-audit-tcpd-networks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const v4 = (value: bigint) => [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
const v6 = (value: bigint) =>
  Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');

/** An IPv6 address as a number, `::` filled with the groups it stands for. */
function v6Value(address: string): bigint {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...(tail === undefined ? [] : new Array<string>(missing).fill('0')), ...groups(tail)];
  return all.reduce((sum, group) => (sum << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** A CIDR network as its first and last address, with the family's width. */
function bounds(network: string): { bits: number; first: bigint; last: bigint } {
  const [address, length] = network.split('/') as [string, string];
  const bits = address.includes(':') ? 128 : 32;
  const value = address.includes(':')
    ? v6Value(address)
    : address.split('.').reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n);
  const host = (1n << BigInt(bits - Number(length))) - 1n;
  return { bits, first: value, last: value | host };
}

/** The addresses at and just beyond each network's edges, each with whether a network holds it. */
function edges(networks: readonly string[]): Array<[string, boolean]> {
  const spans = networks.map(bounds);
  const inside = (bits: number, value: bigint) =>
    spans.some((span) => span.bits === bits && span.first <= value && value <= span.last);
  return spans.flatMap(({ bits, first, last }) =>
    [first - 1n, first, last, last + 1n]
      .filter((value) => value >= 0n && value < 1n << BigInt(bits))
      .map((value) => [bits === 32 ? v4(value) : v6(value), inside(bits, value)] as [string, boolean]),
  );
}

/** Checks the networks computed for tftpd against tcpdmatch; the number of addresses asked. */
function check(files: PolicyFiles, probes: readonly string[] = []): number {
  const found = admittedNetworks(policyOf(files), ['tftpd'], 69);
  expect('networks' in found, JSON.stringify(found)).toBe(true);
  if (!('networks' in found)) return 0;
  for (const name of readdirSync(dir)) rmSync(join(dir, name));
  writePolicy(dir, files);
  const asked: Array<[string, boolean]> = [
    ...edges(found.networks),
    ...probes.map((address) => [address, isIn(found.networks, address)] as [string, boolean]),
  ];
  const verdicts = tcpdmatchVerdicts(
    dir,
    asked.map(([address]) => ['tftpd', address] as const),
  );
  expect(asked.map(([address], i) => `${address}: ${verdicts[i]}`)).toEqual(
    asked.map(([address, inside]) => `${address}: ${inside ? 'granted' : 'denied'}`),
  );
  return asked.length;
}

function isIn(networks: readonly string[], address: string): boolean {
  const { bits, first } = bounds(`${address}/${address.includes(':') ? 128 : 32}`);
  return networks.map(bounds).some((span) => span.bits === bits && span.first <= first && first <= span.last);
}

describe.skipIf(!hasTcpdmatch && !process.env.CI)("tcpd's clients as networks, against Debian's tcpdmatch", () => {
  it.each<[string, PolicyFiles, string[]]>([
    [
      'a masked net and an IPv6 prefix',
      { allow: 'tftpd: 198.51.100.16/255.255.255.240 [2001:db8:100::]/120\n', deny: 'ALL: ALL\n' },
      ['198.51.100.20', '198.51.100.130', '2001:db8:100::20', '2001:db8:100::130', '0.0.0.0', '::'],
    ],
    [
      'a prefix with an exception, and single addresses',
      { allow: 'tftpd: 10.40. EXCEPT 10.40.9.0/24, 192.0.2.7 [2001:db8::5]\n', deny: 'ALL: ALL\n' },
      ['10.40.8.255', '10.40.9.1', '10.41.0.0', '192.0.2.7', '192.0.2.8'],
    ],
    [
      'anyone but a net, from hosts.deny alone',
      { deny: 'tftpd: 203.0.113.0/24\n' },
      ['203.0.113.5', '203.0.114.0', '2001:db8::1'],
    ],
    [
      'a deny rule in hosts.allow before an allow',
      { allow: 'tftpd: 198.51.100.7 : deny\ntftpd: 198.51.100.0/24\n', deny: 'ALL: ALL\n' },
      ['198.51.100.7', '198.51.100.8'],
    ],
  ])('%s', (_name, files, probes) => {
    expect(check(files, probes)).toBeGreaterThan(0);
  });

  it('on random numeric policies', () => {
    const pattern = fc.constantFrom(
      '10.9.9.9',
      '10.9.9.0/24',
      '10.9.8.0/255.255.254.0',
      '10.9.',
      '10.',
      '0.0.0.0/1',
      '198.51.100.7',
      '[2001:db8::]/32',
      '[2001:db8::5]',
      'ALL',
    );
    const list = fc.array(pattern, { minLength: 1, maxLength: 3 }).map((items) => items.join(' '));
    const rule = fc
      .tuple(
        fc.constantFrom('tftpd', 'ALL', 'bootpd'),
        list,
        fc.option(list),
        fc.constantFrom('', ' : deny', ' : allow'),
      )
      .map(
        ([daemon, clients, except, option]) => `${daemon}: ${clients}${except ? ` EXCEPT ${except}` : ''}${option}\n`,
      );
    const file = fc.array(rule, { maxLength: 3 }).map((rules) => rules.join(''));
    fc.assert(
      fc.property(fc.record({ allow: file, deny: file }), (files) => {
        check(files);
      }),
      { numRuns: 40 },
    );
    // Some 400 tcpdmatch processes: a loaded CI machine needs more than the default minute.
  }, 180_000);
});
