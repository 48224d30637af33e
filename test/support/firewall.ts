import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { commentText, reasonText } from '../../src/report/firewall/names.ts';
import { vosAudit } from './cli.ts';

const root = new URL('../..', import.meta.url).pathname;

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
  protocol: 'tcp' | 'udp' | 'any';
  ports: [number, number] | null;
  sourcePorts: [number, number] | null;
  peer: string;
  comment: string;
}

export interface JsonRule {
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  protocol: 'tcp' | 'udp' | 'any';
  ports: [number, number];
  sourcePorts?: [number, number];
  peer: string;
  reason: string;
  condition?: string;
}

/** A JSON rule as a format can carry it: a rule of protocol any has no ports in any format. */
export function carried(rule: JsonRule): Omit<ParsedRule, 'comment'> {
  return {
    direction: rule.direction,
    action: rule.action,
    protocol: rule.protocol,
    ports: rule.protocol === 'any' ? null : rule.ports,
    sourcePorts: rule.sourcePorts ?? null,
    peer: rule.peer,
  };
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
    /^\s*set (\S+) \{ type ipv[46]_addr; comment "[^"]*"; elements = \{ (\S+) \} \}$/gm,
  ))
    sets.set(match[1]!, match[2]!);
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
      /^ {4}(?:ip6? [sd]addr @(\S+) )?(?:(?:(?:tcp|udp) sport (\S+) )?(tcp|udp) dport (\S+) )?(accept|drop) comment "([^"]*)"$/.exec(
        line,
      );
    if (!rule) throw new Error(`not a rule vos-audit writes: ${line}`);
    chains.at(-1)!.push({
      direction,
      action: rule[5] === 'accept' ? 'allow' : 'deny',
      protocol: (rule[3] ?? 'any') as ParsedRule['protocol'],
      ports: range(rule[4], '-'),
      sourcePorts: range(rule[2], '-'),
      peer: rule[1] ? sets.get(rule[1])! : 'any',
      comment: rule[6]!,
    });
  }
  return pairs(chains);
}

/** iptables-restore input: each module chain's rules, in order (FORWARD's dispatch rules are not the policy's). */
export function parseIptables(text: string): ParsedRule[][] {
  const chains = new Map<string, ParsedRule[]>();
  for (const line of text.split('\n')) {
    const declared = /^:(\S+) - \[0:0\]$/.exec(line);
    if (declared) chains.set(declared[1]!, []);
    const appended = /^-A (\S+) (.*)$/.exec(line);
    if (!appended || appended[1] === 'FORWARD') continue;
    const options = appended[2]!;
    const option = (name: string) => new RegExp(`(?:^| )${name} (\\S+)`).exec(options)?.[1];
    const direction = appended[1]!.endsWith('-in') ? 'in' : 'out';
    const peer = option(direction === 'in' ? '-s' : '-d');
    chains.get(appended[1]!)!.push({
      direction,
      action: option('-j') === 'ACCEPT' ? 'allow' : 'deny',
      protocol: (option('-p') ?? 'any') as ParsedRule['protocol'],
      ports: range(option('--dport'), ':'),
      sourcePorts: range(option('--sport'), ':'),
      peer: peer ? peer.replace(/\/32$/, '') : 'any',
      comment: /--comment "([^"]*)"/.exec(options)![1]!,
    });
  }
  return pairs([...chains.values()]);
}

/** Capirca: the definitions, then each policy's filters (a header, its terms) in order. */
export function parseCapirca(policies: string[], networkFile: string, serviceFile: string): ParsedRule[][] {
  const definitions = (text: string) => new Map([...text.matchAll(/^(\S+) = (\S+)/gm)].map((m) => [m[1]!, m[2]!]));
  const networks = definitions(networkFile);
  const services = definitions(serviceFile);
  const port = (token: string | undefined) =>
    token === undefined ? null : range(services.get(token)!.split('/')[0], '-');
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
      rules.push({
        direction,
        action: fields.get('action') === 'accept' ? 'allow' : 'deny',
        protocol: (fields.get('protocol') ?? 'any') as ParsedRule['protocol'],
        ports: port(fields.get('destination-port')),
        sourcePorts: port(fields.get('source-port')),
        peer: peer ? networks.get(peer)!.replace(/\/(32|128)$/, '') : 'any',
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
};

export interface JsonPolicy {
  modules: Array<{ name: string; address: string | null; rules: JsonRule[] }>;
}

export async function jsonPolicy(args: string[]): Promise<JsonPolicy> {
  const result = await firewall(['--format', 'json', ...args]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as JsonPolicy;
}

/** What a format says of each module's rules must be the JSON rules, one to one, in order, with their reasons. */
export function expectSameRules(parsed: ParsedRule[][], policy: JsonPolicy, commentLength: number): void {
  expect(parsed.map((rules) => rules.map(({ comment: _, ...rule }) => rule))).toEqual(
    policy.modules.map((module) => module.rules.map(carried)),
  );
  const comments = policy.modules.map((module) =>
    module.rules.map((rule) => commentText(reasonText(rule), commentLength)),
  );
  expect(parsed.map((rules) => rules.map((rule) => rule.comment))).toEqual(comments);
}

export function tool(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
