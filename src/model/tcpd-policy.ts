import { dottedQuad, ipv6Groups, prefixMask, samePrefix, atoi } from '../util/ip.ts';
import { looksNumeric, readRules, splitQualified, type HostsPattern, type HostsRule } from '../syntax/hosts-access.ts';
import type { AuditedFile, HostsAccessFile } from './files.ts';
import { baseName } from '../util/base-name.ts';

/**
 * tcpd's decision, computed: hosts_access(5) with the options of hosts_options(5), as Debian's tcpd and tcpdmatch
 * make it (test/tcpdmatch-differential.test.ts compares the two). No name is ever looked up: a client given by
 * address has no name, and one given by name has no address, as for tcpd when DNS does not answer.
 */

/** A host as tcpd knows it; what is not known is `unknown` to its patterns. */
export interface Endpoint {
  address?: string;
  name?: string;
}

export interface AccessRequest {
  /** The daemon's process name (argv[0]'s base name). */
  daemon: string;
  /** The server port, which a numeric daemon pattern matches. */
  port?: number;
  server: Endpoint;
  client: Endpoint;
  /** The client's user name, from an RFC 931 lookup. */
  user?: string;
}

export interface Policy {
  allow?: HostsAccessFile;
  deny?: HostsAccessFile;
  /** The text of a `/path` pattern file, when the module has it; tcpd matches nothing with a missing file. */
  patternFile(path: string): string | undefined;
}

export interface MatchedRule {
  file: HostsAccessFile;
  rule: HostsRule;
}

export interface Verdict {
  access: 'granted' | 'denied';
  /** The rule that decided; none when no rule matched and access is granted by default. */
  matched?: MatchedRule;
  /** A `twist` option: the client gets this command instead of the daemon (tcpdmatch says "delegated"). */
  twist?: string;
  /** An option tcpd refuses, which denies the client. */
  refused?: string;
  /** hosts.deny ends without a line feed and no rule decided: tcpd fails reading it and denies. */
  unreadable?: HostsAccessFile;
  /** Rules whose daemon list matched and whose client list has patterns that only a name (or NIS) could match. */
  nameDependent: MatchedRule[];
  /** `/path` pattern files that were consulted but are not among the module's files. */
  missingFiles: string[];
}

const unknown = 'unknown';

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `*` and `?`, matched case-insensitively. */
function globMatch(text: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is').test(text);
}

/** tcpd's string_match: a daemon, a user, or a host's address or name against one pattern. */
function stringMatch(pattern: string, text: string): boolean {
  if (/[*?]/.test(pattern)) return globMatch(text, pattern);
  if (pattern.startsWith('.')) return text.length > pattern.length && same(text.slice(-pattern.length), pattern);
  if (same(pattern, 'ALL')) return true;
  if (same(pattern, 'KNOWN')) return !same(text, unknown);
  if (pattern.endsWith('.')) return same(text.slice(0, pattern.length), pattern);
  return same(pattern, text);
}

function knownName(name: string | undefined): name is string {
  return name !== undefined && !same(name, unknown) && !same(name, 'paranoid');
}

/** `net/mask`, `net/len`, `[net]/len` against an address. */
function netMatch(pattern: string, address: string | undefined): boolean {
  if (address === undefined) return false;
  const slash = pattern.indexOf('/');
  const net = pattern.slice(0, slash);
  const mask = pattern.slice(slash + 1);
  if (net.startsWith('[')) {
    const network = net.endsWith(']') ? ipv6Groups(net.slice(1, -1)) : undefined;
    const client = address.includes(':') ? ipv6Groups(address) : undefined;
    const length = atoi(mask);
    return (
      network !== undefined &&
      client !== undefined &&
      /^\d+$/.test(mask) &&
      length <= 128 &&
      samePrefix(network, client, length)
    );
  }
  const client = dottedQuad(address);
  const network = dottedQuad(net);
  const bits = mask.includes('.')
    ? dottedQuad(mask)
    : atoi(mask) >= 1 && atoi(mask) <= 32
      ? prefixMask(atoi(mask))
      : undefined;
  return client !== undefined && network !== undefined && bits !== undefined && (client & bits) >>> 0 === network;
}

class Evaluation {
  readonly missingFiles: string[] = [];

  constructor(
    private readonly request: AccessRequest,
    private readonly policy: Policy,
  ) {}

  /** tcpd's list_match: the first pattern that matches decides, unless the patterns after the next EXCEPT match too. */
  listMatch(
    items: readonly { value: string; kind: string }[],
    from: number,
    match: (value: string) => boolean,
  ): boolean {
    for (let i = from; i < items.length; i++) {
      if (items[i]!.kind === 'except') return false;
      if (!match(items[i]!.value)) continue;
      let next = i + 1;
      while (next < items.length && items[next]!.kind !== 'except') next++;
      return next === items.length || !this.listMatch(items, next + 1, match);
    }
    return false;
  }

  serverMatch = (value: string): boolean => {
    const [daemon, host] = splitQualified(value);
    return (
      daemonPatternMatches(daemon, this.request.daemon, this.request.port) &&
      (host === undefined || this.hostMatch(host, this.request.server))
    );
  };

  clientMatch = (value: string): boolean => {
    const [user, host] = splitQualified(value);
    if (host === undefined) return this.hostMatch(user, this.request.client);
    return this.hostMatch(host, this.request.client) && stringMatch(user, this.request.user ?? unknown);
  };

  hostMatch(pattern: string, host: Endpoint): boolean {
    if (pattern.startsWith('@')) return false;
    if (pattern.startsWith('/')) return this.fileMatch(pattern, host);
    if (same(pattern, 'KNOWN')) return host.address !== undefined && knownName(host.name);
    if (same(pattern, 'LOCAL')) return knownName(host.name) && !host.name.includes('.');
    if (pattern.includes('/')) return netMatch(pattern, host.address);
    if (pattern.startsWith('[') && pattern.endsWith(']')) {
      const wanted = ipv6Groups(pattern.slice(1, -1));
      const client = host.address?.includes(':') ? ipv6Groups(host.address) : undefined;
      return wanted !== undefined && client !== undefined && wanted.every((group, i) => group === client[i]);
    }
    return (
      stringMatch(pattern, host.address ?? unknown) ||
      (!looksNumeric(pattern) && stringMatch(pattern, host.name ?? unknown))
    );
  }

  /** A file of patterns separated by blanks, any of which may match. */
  fileMatch(path: string, host: Endpoint): boolean {
    const text = this.policy.patternFile(path);
    if (text === undefined) {
      if (!this.missingFiles.includes(path)) this.missingFiles.push(path);
      return false;
    }
    return text.split(/[ \t\n\v\f\r]+/).some((pattern) => pattern !== '' && this.hostMatch(pattern, host));
  }
}

/** Whether a daemon pattern (without `@host`) matches a daemon name or, numeric, its port. */
export function daemonPatternMatches(pattern: string, daemon: string, port?: number): boolean {
  return /^\d+$/.test(pattern) ? port !== undefined && Number(pattern) === port : stringMatch(pattern, daemon);
}

/** Whether one host pattern matches a host, as in a client list. */
export function hostPatternMatches(policy: Policy, pattern: string, host: Endpoint): boolean {
  return new Evaluation({ daemon: '', server: {}, client: host }, policy).hostMatch(pattern, host);
}

const nameKinds = new Set(['netgroup', 'domain', 'name', 'wildcard', 'glob']);

/** Whether a client pattern can match on a host's name (or netgroup) rather than its address. */
export function dependsOnName(pattern: HostsPattern): boolean {
  if (pattern.kind === 'wildcard') return !same(pattern.pattern, 'ALL');
  if (pattern.kind === 'glob') return !looksNumeric(pattern.pattern.replace(/[*?]/g, ''));
  return nameKinds.has(pattern.kind);
}

/** Evaluates a request against the module's hosts.allow, then hosts.deny, as tcpd does. */
export function evaluate(policy: Policy, request: AccessRequest): Verdict {
  const evaluation = new Evaluation(request, policy);
  const nameDependent: MatchedRule[] = [];
  const decide = (file: HostsAccessFile | undefined): MatchedRule | undefined => {
    if (file === undefined) return undefined;
    for (const rule of readRules(file.tree)) {
      if (!evaluation.listMatch(rule.daemons, 0, evaluation.serverMatch)) continue;
      if (rule.clients.some(dependsOnName)) nameDependent.push({ file, rule });
      if (evaluation.listMatch(rule.clients, 0, evaluation.clientMatch)) return { file, rule };
    }
    return undefined;
  };
  const base = { nameDependent, missingFiles: evaluation.missingFiles };
  const fromAllow = decide(policy.allow);
  const matched = fromAllow ?? decide(policy.deny);
  if (matched === undefined)
    return policy.deny?.tree.unterminated
      ? { access: 'denied', unreadable: policy.deny, ...base }
      : { access: 'granted', ...base };
  const refused = matched.rule.options.find((option) => option.problem !== undefined);
  if (refused) return { access: 'denied', matched, refused: refused.value, ...base };
  const last = matched.rule.options.at(-1);
  const keyword = last?.keyword.toLowerCase();
  if (keyword === 'twist') return { access: 'denied', matched, twist: last!.argument!, ...base };
  const granted = keyword === 'allow' || (keyword !== 'deny' && fromAllow !== undefined);
  return { access: granted ? 'granted' : 'denied', matched, ...base };
}

/**
 * The module's policy: its hosts.allow and hosts.deny wherever they are ([D]: their place on VOS is not public);
 * a `/path` pattern file is one of the module's files whose path ends with it.
 */
export function modulePolicy(files: readonly AuditedFile[]): Policy {
  let policy = policies.get(files);
  if (policy === undefined) policies.set(files, (policy = readPolicy(files)));
  return policy;
}

/** One policy per module's files: the model and four rules ask for it. */
const policies = new WeakMap<readonly AuditedFile[], Policy>();

function readPolicy(files: readonly AuditedFile[]): Policy {
  const hosts = files.filter((file): file is HostsAccessFile => file.kind === 'hosts-access');
  const named = (name: string) => hosts.find((file) => baseName(file.source.path) === name);
  const allow = named('hosts.allow');
  const deny = named('hosts.deny');
  return {
    ...(allow && { allow }),
    ...(deny && { deny }),
    patternFile: (path) => files.find((file) => `/${file.source.path}`.endsWith(path))?.source.text,
  };
}
