import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { commentText, reasonText } from '../../src/report/firewall/names.ts';
import { vosAudit } from './cli.ts';
import { temporaryDirectory } from './temporary.ts';

const root = new URL('../..', import.meta.url).pathname;

/** A directory of two modules, m1 and m2, with an empty inetd.conf each and the same address in .vos-audit.json. */
export function modulesSharingAddress(address: string): string {
  const dir = temporaryDirectory();
  for (const name of ['m1', 'm2']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'inetd.conf'), '# empty\n');
    writeFileSync(join(dir, name, '.vos-audit.json'), JSON.stringify({ address }));
  }
  return dir;
}

/** `vos-audit firewall ARGS` in this process, from the repository's root, with no environment. */
export function firewall(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return vosAudit(['firewall', ...args], { cwd: root, env: {} });
}

// Reading the rules back out of each firewall format, independently of the renderers, so that a test can compare
// them one to one with the JSON rules.

/** What every format carries of a rule; the reason only as the comment's text. */
export interface ParsedRule {
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  protocol: 'tcp' | 'udp' | 'icmp' | 'esp' | 'any';
  ports: [number, number] | null;
  sourcePorts: [number, number] | null;
  /** icmp: the family (`4` or `6`) and the messages, sorted: `6 echo-reply,packet-too-big`. */
  icmp: string | null;
  /** `any`, or the addresses the rule matches, sorted and joined by blanks. */
  peer: string;
  comment: string;
}

type Family = 4 | 6;
/** The family of an address, or of a network written `address/length`. */
const familyOf = (address: string): Family => (isIPv6(address.split('/')[0]!) ? 6 : 4);

function addressList(addresses: Iterable<string>): string {
  return [...addresses].sort().join(' ');
}

/** ICMP messages as a family has them: IPv4 carries "packet too big" as destination unreachable. */
function icmpText(family: Family, types: readonly string[]): string | null {
  const own = types.filter((type) => family === 6 || type !== 'packet-too-big');
  return own.length === 0 ? null : `${family} ${[...own].sort().join(',')}`;
}

export interface JsonRule {
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  protocol: 'tcp' | 'udp' | 'icmp' | 'esp' | 'any';
  ports: [number, number];
  icmpTypes?: string[];
  sourcePorts?: [number, number];
  peer: string;
  reason: string;
  evidence: string[];
  reply?: true;
  condition?: string;
}

/**
 * How a format writes a JSON rule: nftables once for each family it must name (its peer's addresses, ICMP's two
 * protocols); iptables and ip6tables only what their family has, ICMP once a message; Capirca ICMP once for each
 * family the module has.
 */
export type Form = { kind: 'nftables' } | { kind: 'iptables'; family: Family } | { kind: 'capirca' };

/** A JSON rule as a format carries it, once for each line or term the format writes of it. */
export function carried(
  rule: JsonRule,
  policy: JsonPolicy,
  module: JsonPolicy['modules'][number],
  form: Form,
): Array<Omit<ParsedRule, 'comment'>> {
  const base: Omit<ParsedRule, 'comment' | 'peer'> = {
    direction: rule.direction,
    action: rule.action,
    protocol: rule.protocol,
    ports: rule.protocol === 'tcp' || rule.protocol === 'udp' ? rule.ports : null,
    sourcePorts: rule.sourcePorts ?? null,
    icmp: null,
  };
  const peers = rule.peer === 'any' ? undefined : policy.groups.find((group) => group.name === rule.peer)!.addresses;
  const moduleFamilies = [...new Set(module.addresses.map(familyOf))].sort();
  // The families the rule is written for, each with the peer it names there.
  let families: Array<[Family | undefined, string]>;
  if (form.kind === 'iptables') {
    const here = peers?.filter((a) => familyOf(a) === form.family);
    if (here !== undefined && here.length === 0) return [];
    families = [[form.family, here === undefined ? 'any' : addressList(here)]];
  } else if (peers !== undefined && form.kind === 'nftables')
    families = ([4, 6] as const)
      .map((f): [Family, string] => [f, addressList(peers.filter((a) => familyOf(a) === f))])
      .filter(([, list]) => list !== '');
  else if (rule.protocol === 'icmp')
    families = (form.kind === 'nftables' ? ([4, 6] as const) : moduleFamilies).map((f) => [
      f,
      peers === undefined ? 'any' : addressList(peers),
    ]);
  else families = [[undefined, peers === undefined ? 'any' : addressList(peers)]];
  return families.flatMap(([family, peer]): Array<Omit<ParsedRule, 'comment'>> => {
    if (rule.protocol !== 'icmp') return [{ ...base, peer }];
    const text = icmpText(family!, rule.icmpTypes ?? []);
    if (text === null) return [];
    if (form.kind !== 'iptables') return [{ ...base, peer, icmp: text }];
    // One line a message, in the rule's order.
    return (rule.icmpTypes ?? [])
      .filter((type) => family === 6 || type !== 'packet-too-big')
      .map((type) => ({ ...base, peer, icmp: `${family} ${type}` }));
  });
}

function range(text: string | undefined, separator: string): [number, number] | null {
  if (text === undefined) return null;
  const [first, last] = text.split(separator).map(Number);
  return [first!, last ?? first!];
}

/** nftables: the named sets' addresses, then each module chain's rules, in order. */
export function parseNftables(text: string): ParsedRule[][] {
  const sets = new Map<string, string>();
  for (const match of text.matchAll(
    /^\s*set (\S+) \{ type ipv[46]_addr;(?: flags interval;)? comment "[^"]*"; elements = \{ ([^}]+) \} \}$/gm,
  ))
    sets.set(match[1]!, addressList(match[2]!.split(', ')));
  const chains: ParsedRule[][] = [];
  let direction: 'in' | 'out' | undefined;
  for (const line of text.split('\n')) {
    const chain = /^ {2}chain \S+_(in|out) \{$/.exec(line);
    if (chain) {
      direction = chain[1] as 'in' | 'out';
      chains.push([]);
      continue;
    }
    if (/^ {2}(chain|\})/.test(line)) direction = undefined;
    if (direction === undefined || /^\s*comment "/.test(line)) continue;
    const rule =
      /^ {4}(?:ip6? [sd]addr @(\S+) )?(?:(icmp|icmpv6) type (?:\{ ([^}]+) \}|(\S+)) |meta l4proto (esp) |(?:(?:tcp|udp) sport (\S+) )?(tcp|udp) dport (\S+) )?(return|drop) comment "([^"]*)"$/.exec(
        line,
      );
    if (!rule) throw new Error(`not a rule vos-audit writes: ${line}`);
    const icmpTypes = (rule[3] ?? rule[4])?.split(', ');
    chains.at(-1)!.push({
      direction,
      action: rule[9] === 'return' ? 'allow' : 'deny',
      protocol: (rule[2] ? 'icmp' : (rule[5] ?? rule[7] ?? 'any')) as ParsedRule['protocol'],
      ports: range(rule[8], '-'),
      sourcePorts: range(rule[6], '-'),
      icmp: icmpTypes ? icmpText(rule[2] === 'icmp' ? 4 : 6, icmpTypes) : null,
      peer: rule[1] ? sets.get(rule[1])! : 'any',
      comment: rule[10]!,
    });
  }
  return pairs(chains);
}

/**
 * iptables-restore input: each module chain's rules, in order (FORWARD's dispatch rules are not the policy's). A rule
 * that names a group's chain matches the addresses that chain lets through (allow) or drops (deny).
 */
export function parseIptables(text: string): ParsedRule[][] {
  const chains = new Map<string, ParsedRule[]>();
  const groups = new Map<string, { addresses: string[]; verdict: string }>();
  const appended = [...text.matchAll(/^-A (\S+) (.*)$/gm)].filter((m) => m[1] !== 'FORWARD');
  const option = (options: string, name: string) => new RegExp(`(?:^| )${name} (\\S+)`).exec(options)?.[1];
  for (const line of text.split('\n')) {
    const declared = /^:(\S+) - \[0:0\]$/.exec(line);
    if (declared && /-(in|out)$/.test(declared[1]!)) chains.set(declared[1]!, []);
    else if (declared) groups.set(declared[1]!, { addresses: [], verdict: '' });
  }
  for (const [, chain, options] of appended) {
    const group = groups.get(chain!);
    const address = option(options!, '-[sd]');
    if (group === undefined || address === undefined) continue;
    group.addresses.push(address.replace(/\/(32|128)$/, ''));
    group.verdict = option(options!, '-j')!;
  }
  for (const [, chain, options] of appended) {
    if (!chains.has(chain!)) continue;
    const direction = chain!.endsWith('-in') ? 'in' : 'out';
    const group = groups.get(option(options!, '-[jg]')!);
    const own = option(options!, direction === 'in' ? '-s' : '-d');
    const protocol = option(options!, '-p');
    const icmpType = option(options!, '--icmpv?6?-type');
    chains.get(chain!)!.push({
      direction,
      action: (group?.verdict ?? option(options!, '-j')) === 'DROP' ? 'deny' : 'allow',
      protocol: (protocol === 'ipv6-icmp' ? 'icmp' : (protocol ?? 'any')) as ParsedRule['protocol'],
      ports: range(option(options!, '--dport'), ':'),
      sourcePorts: range(option(options!, '--sport'), ':'),
      icmp: icmpType ? `${protocol === 'icmp' ? 4 : 6} ${icmpType}` : null,
      peer: group ? addressList(group.addresses) : own ? own.replace(/\/(32|128)$/, '') : 'any',
      comment: /--comment "([^"]*)"/.exec(options!)![1]!,
    });
  }
  return pairs([...chains.values()].map(joinPeers));
}

/** A rule written once an address (where a group's chain would drop what a later allow admits) read as one. */
function joinPeers(rules: ParsedRule[]): ParsedRule[] {
  const joined: ParsedRule[] = [];
  for (const rule of rules) {
    const last = joined.at(-1);
    const same = last && JSON.stringify({ ...last, peer: '' }) === JSON.stringify({ ...rule, peer: '' });
    if (same && last.peer !== 'any' && rule.peer !== 'any')
      joined[joined.length - 1] = { ...last, peer: addressList([...last.peer.split(' '), rule.peer]) };
    else joined.push(rule);
  }
  return joined;
}

/** Capirca: the definitions, then each policy's filters (a header, its terms) in order. */
export function parseCapirca(policies: string[], networkFile: string, serviceFile: string): ParsedRule[][] {
  // `NAME = value  # comment`, further values on the indented lines below.
  const definitions = (text: string) => {
    const values = new Map<string, string[]>();
    let name = '';
    for (const line of text.split('\n')) {
      const match = /^(?:(\S+) = |\s+)(\S+)/.exec(line);
      if (!match) continue;
      if (match[1]) values.set((name = match[1]), []);
      values.get(name)!.push(match[2]!);
    }
    return values;
  };
  const networkValues = definitions(networkFile);
  const resolve = (token: string): string[] =>
    networkValues
      .get(token)!
      .flatMap((value) => (networkValues.has(value) ? resolve(value) : [value.replace(/\/(32|128)$/, '')]));
  const services = new Map([...definitions(serviceFile)].map(([token, [value]]) => [token, value!]));
  const port = (token: string | undefined) =>
    token === undefined ? null : range(services.get(token)!.split('/')[0], '-');
  const capircaIcmp: Record<string, string> = { unreachable: 'destination-unreachable' };
  const modules: ParsedRule[][] = [];
  for (const policy of policies) {
    const rules: ParsedRule[] = [];
    let direction: 'in' | 'out' = 'in';
    for (const block of policy.matchAll(/^(header|term \S+) \{\n([\s\S]*?)^\}/gm)) {
      const fields = new Map([...block[2]!.matchAll(/^ {2}(\S+):: (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
      if (block[1] === 'header') {
        direction = /-(in|out) /.exec([...block[2]!.matchAll(/target:: (.*)/g)][0]![1]!)![1] as 'in' | 'out';
        continue;
      }
      const peer = fields.get(direction === 'in' ? 'source-address' : 'destination-address');
      const protocol = fields.get('protocol');
      const icmpTypes = fields
        .get('icmp-type')
        ?.split(' ')
        .map((type) => capircaIcmp[type] ?? type);
      rules.push({
        direction,
        action: fields.get('action') === 'accept' ? 'allow' : 'deny',
        protocol: (protocol === 'icmpv6' ? 'icmp' : (protocol ?? 'any')) as ParsedRule['protocol'],
        ports: port(fields.get('destination-port')),
        sourcePorts: port(fields.get('source-port')),
        icmp: icmpTypes ? icmpText(protocol === 'icmp' ? 4 : 6, icmpTypes) : null,
        peer: peer ? addressList(resolve(peer)) : 'any',
        comment: /^"(.*)"$/.exec(fields.get('comment')!)![1]!,
      });
    }
    modules.push(rules);
  }
  return modules;
}

/** Chains come a module's in, then its out: joined into one list a module, as the JSON has them. */
function pairs(chains: ParsedRule[][]): ParsedRule[][] {
  const modules: ParsedRule[][] = [];
  for (let i = 0; i < chains.length; i += 2) modules.push([...chains[i]!, ...(chains[i + 1] ?? [])]);
  return modules;
}

/** The sample modules of the policy's goldens, with the options that describe them. */
export const samples: Record<string, string[]> = {
  nio: ['samples/firewall-nio'],
  'osl-system': ['samples/firewall-osl-system'],
  bridges: ['samples/firewall-bridges'],
  conditional: ['--include-conditional', 'samples/firewall-conditional'],
  'stock-posix': ['--address', '10.9.9.9', '--system', 'lab', 'samples/stock-posix'],
  // A site's own denies and allows in .vos-audit.json ("firewall"), before every rule the policy derives; a module
  // with an address of each family.
  'site-overrides': [
    '--config',
    'test/firewall-packets/site-overrides.json',
    'test/firewall-packets/modules/old-module',
  ],
};

export interface JsonPolicy {
  stateful: boolean;
  modules: Array<{ name: string; address: string | null; addresses: string[]; rules: JsonRule[] }>;
  groups: Array<{ name: string; addresses: string[] }>;
  leftOut: Array<{ module: string; what: string; because: string }>;
}

export async function jsonPolicy(args: string[]): Promise<JsonPolicy> {
  const result = await firewall(['--format', 'json', ...args]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as JsonPolicy;
}

/** What a format says of each module's rules must be the JSON rules, one to one, in order, with their reasons. */
export function expectSameRules(parsed: ParsedRule[][], policy: JsonPolicy, commentLength: number, form: Form): void {
  // iptables and ip6tables have chains only for the modules with an address of their family.
  const modules = policy.modules.filter(
    (module) => form.kind !== 'iptables' || module.addresses.some((a) => familyOf(a) === form.family),
  );
  expect(parsed.map((rules) => rules.map(({ comment: _, ...rule }) => rule))).toEqual(
    modules.map((module) => module.rules.flatMap((rule) => carried(rule, policy, module, form))),
  );
  const comments = modules.map((module) =>
    module.rules.flatMap((rule) =>
      carried(rule, policy, module, form).map(() => commentText(reasonText(rule), commentLength)),
    ),
  );
  expect(parsed.map((rules) => rules.map((rule) => rule.comment))).toEqual(comments);
}

export function tool(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Modules whose names a format could fold into one: `a` and `A`, and `x` (whose NIO would be `x_nio`) beside a
 * module `x_nio`; each in a system of its own, from 192.0.2.0/24, x's NIO at 198.51.100.9.
 */
export function collidingModules(dir: string): { addresses: Record<string, string>; nio: string } {
  const addresses: Record<string, string> = { a: '192.0.2.1', A: '192.0.2.2', x: '192.0.2.3', x_nio: '192.0.2.4' };
  for (const [name, address] of Object.entries(addresses)) {
    mkdirSync(join(dir, name));
    cpSync(join(root, 'samples/firewall-osl-system/m1/module_start_up.cm'), join(dir, name, 'module_start_up.cm'));
    const settings = { release: '17.1', products: ['S270'], address, system: `s_${name}`, maxOpenServer: 10 };
    const nio = name === 'x' ? { nio: true, nioAddress: '198.51.100.9' } : {};
    writeFileSync(join(dir, name, '.vos-audit.json'), JSON.stringify({ ...settings, ...nio }));
  }
  // x runs x25_cpc, which talks to its NIO.
  cpSync(join(root, 'samples/firewall-nio/module_start_up.cm'), join(dir, 'x', 'module_start_up.cm'));
  return { addresses, nio: '198.51.100.9' };
}
