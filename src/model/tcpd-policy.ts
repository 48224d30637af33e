import { readRules, type HostsPattern, type HostsRule } from '../syntax/hosts-access.ts';
import { looksNumeric, splitQualified } from '../syntax/hosts-pattern-kind.ts';
import type { HostsAccessFile } from './files.ts';
import { daemonPatternMatches, ipv6Match, knownName, netMatch, same, stringMatch, unknown } from './tcpd-match.ts';
import {
  PatternFile,
  PatternFileLoop,
  type OversizedPatternFile,
  type UnreadPatternFiles,
} from './tcpd-pattern-file.ts';
import { PatternList, type Endpoint } from './tcpd-pattern-list.ts';

export type { Endpoint } from './tcpd-pattern-list.ts';

/**
 * tcpd's decision, computed: hosts_access(5) with the options of hosts_options(5), as Debian's tcpd and tcpdmatch
 * make it (test/tcpdmatch-differential.test.ts compares the two). No name is ever looked up: a client given by
 * address has no name, and one given by name has no address, as for tcpd when DNS does not answer.
 */

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
  /**
   * A `/path` pattern file among the module's files, read once (or, over the limit, not read); undefined when the
   * module has none: tcpd matches nothing with a missing file.
   */
  patternFile(path: string): PatternFile | OversizedPatternFile | undefined;
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
  /** `/path` pattern files that were consulted but are over the limit, so not read. */
  oversizedFiles: string[];
  /** A pattern file that names itself, reached while matching the client: tcpd recurses until it crashes. */
  loop?: string;
  /** hosts.allow or hosts.deny the module does not have: tcpd reads a file it cannot open as empty. */
  absentFiles: Array<'hosts.allow' | 'hosts.deny'>;
}

class Evaluation {
  readonly unread: UnreadPatternFiles = new Map();

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

  /** listMatch for a client list, each part between EXCEPTs looked up in its tables. */
  clientListMatch(parts: readonly PatternList[], from = 0): boolean {
    const part = parts[from];
    if (part === undefined || !part.matches(this.request.client, (i) => this.clientMatch(part.patterns[i]!)))
      return false;
    return from === parts.length - 1 || !this.clientListMatch(parts, from + 1);
  }

  clientMatch = (value: string): boolean => {
    const [user, host] = splitQualified(value);
    if (host === undefined) return this.hostMatch(user, this.request.client);
    return this.hostMatch(host, this.request.client) && stringMatch(user, this.request.user ?? unknown);
  };

  hostMatch(pattern: string, host: Endpoint, unread = this.unread): boolean {
    if (pattern.startsWith('@')) return false;
    if (pattern.startsWith('/')) return this.fileMatch(pattern, host, unread);
    if (same(pattern, 'KNOWN')) return host.address !== undefined && knownName(host.name);
    if (same(pattern, 'LOCAL')) return knownName(host.name) && !host.name.includes('.');
    if (pattern.includes('/')) return netMatch(pattern, host.address);
    if (pattern.startsWith('[') && pattern.endsWith(']')) return ipv6Match(pattern, host.address);
    return (
      stringMatch(pattern, host.address ?? unknown) ||
      (!looksNumeric(pattern) && stringMatch(pattern, host.name ?? unknown))
    );
  }

  /** A file of patterns separated by blanks, any of which may match. */
  fileMatch(path: string, host: Endpoint, unread: UnreadPatternFiles): boolean {
    const file = this.policy.patternFile(path);
    if (!(file instanceof PatternFile)) {
      unread.set(path, file === undefined ? 'missing' : 'too large');
      return false;
    }
    const answer = file.matches(host, (pattern, met) => this.hostMatch(pattern, host, met));
    for (const [met, why] of answer.unread) unread.set(met, why);
    return answer.matched;
  }
}

/**
 * Whether one host pattern matches a host, as in a client list. A pattern file that names itself counts as a match:
 * tcpd never gets past it.
 */
export function hostPatternMatches(policy: Policy, pattern: string, host: Endpoint): boolean {
  try {
    return new Evaluation({ daemon: '', server: {}, client: host }, policy).hostMatch(pattern, host);
  } catch (error) {
    if (error instanceof PatternFileLoop) return true;
    throw error;
  }
}

const nameKinds = new Set(['netgroup', 'domain', 'name', 'wildcard', 'glob']);

/** Whether a client pattern can match on a host's name (or netgroup) rather than its address. */
export function dependsOnName(pattern: HostsPattern): boolean {
  if (pattern.kind === 'wildcard') return !same(pattern.pattern, 'ALL');
  if (pattern.kind === 'glob') return !looksNumeric(pattern.pattern.replace(/[*?]/g, ''));
  return nameKinds.has(pattern.kind);
}

/** A rule's client list, made once for all the clients a policy is asked about. */
interface ClientList {
  /** The list cut at each EXCEPT. */
  parts: PatternList[];
  nameDependent: boolean;
}

const clientLists = new WeakMap<HostsRule, ClientList>();

function clientList(rule: HostsRule): ClientList {
  let list = clientLists.get(rule);
  if (list !== undefined) return list;
  const parts: string[][] = [[]];
  for (const pattern of rule.clients) {
    if (pattern.kind === 'except') parts.push([]);
    else parts.at(-1)!.push(pattern.value);
  }
  list = {
    // A `user@host` pattern also asks about the user: it is tried one by one.
    parts: parts.map((values) => new PatternList(values, (i) => splitQualified(values[i]!)[1] === undefined)),
    nameDependent: rule.clients.some(dependsOnName),
  };
  clientLists.set(rule, list);
  return list;
}

/** Evaluates a request against the module's hosts.allow, then hosts.deny, as tcpd does. */
export function evaluate(policy: Policy, request: AccessRequest): Verdict {
  const evaluation = new Evaluation(request, policy);
  const nameDependent: MatchedRule[] = [];
  const decide = (file: HostsAccessFile | undefined): MatchedRule | undefined => {
    if (file === undefined) return undefined;
    for (const rule of readRules(file.tree)) {
      if (!evaluation.listMatch(rule.daemons, 0, evaluation.serverMatch)) continue;
      const clients = clientList(rule);
      if (clients.nameDependent) nameDependent.push({ file, rule });
      if (evaluation.clientListMatch(clients.parts)) return { file, rule };
    }
    return undefined;
  };
  const unread = (why: string) => [...evaluation.unread].filter(([, reason]) => reason === why).map(([path]) => path);
  const absentFiles = (['allow', 'deny'] as const)
    .filter((which) => !policy[which])
    .map((which) => `hosts.${which}` as const);
  const base = () => ({
    nameDependent,
    missingFiles: unread('missing'),
    oversizedFiles: unread('too large'),
    absentFiles,
  });
  let fromAllow: MatchedRule | undefined;
  let matched: MatchedRule | undefined;
  try {
    fromAllow = decide(policy.allow);
    matched = fromAllow ?? decide(policy.deny);
  } catch (error) {
    if (error instanceof PatternFileLoop) return { access: 'denied', loop: error.path, ...base() };
    throw error;
  }
  if (matched === undefined)
    return policy.deny?.tree.unterminated
      ? { access: 'denied', unreadable: policy.deny, ...base() }
      : { access: 'granted', ...base() };
  const refused = matched.rule.options.find((option) => option.problem !== undefined);
  if (refused) return { access: 'denied', matched, refused: refused.value, ...base() };
  const last = matched.rule.options.at(-1);
  const keyword = last?.keyword.toLowerCase();
  if (keyword === 'twist') return { access: 'denied', matched, twist: last!.argument!, ...base() };
  const granted = keyword === 'allow' || (keyword !== 'deny' && fromAllow !== undefined);
  return { access: granted ? 'granted' : 'denied', matched, ...base() };
}
