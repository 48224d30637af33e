import { tcpdDaemonNames } from '../catalog/tcpd.ts';
import { readRules, type HostsPattern } from '../syntax/hosts-access.ts';
import { canonicalAddress } from '../util/address.ts';
import { dottedQuad } from '../util/ip.ts';
import type { Admission } from './admission.ts';
import type { AuditedFile } from './files.ts';
import type { ModuleModel } from './listener.ts';
import { modulePolicy } from './tcpd-module-policy.ts';
import { admittedNetworks } from './tcpd-networks.ts';
import { evaluate, hostPatternMatches, type Endpoint, type Policy } from './tcpd-policy.ts';

const canonicalOrAsGiven = (text: string) => canonicalAddress(text) ?? text;

/** Addresses from the documentation ranges: one that no pattern of the policy names is "any other client". */
const strangers = ['203.0.113.77', '198.51.100.213', '192.0.2.177', '100.64.0.77'];

/** A client that the pattern names, for asking the policy about it; undefined for netgroups and files. */
function clientOf(pattern: HostsPattern): Endpoint | undefined {
  const text = pattern.pattern;
  switch (pattern.kind) {
    case 'address':
      return { address: text };
    case 'prefix': {
      const parts = text.split('.').slice(0, -1);
      while (parts.length < 4) parts.push('1');
      return dottedQuad(parts.join('.')) === undefined ? { name: `host${text}` } : { address: parts.join('.') };
    }
    case 'net':
      return { address: canonicalOrAsGiven(text.slice(0, text.indexOf('/')).replace(/^\[|\]$/g, '')) };
    case 'ipv6':
      return { address: canonicalOrAsGiven(text.slice(1, -1)) };
    case 'glob': {
      const filled = text.replace(/[*?]/g, '1');
      return dottedQuad(filled) === undefined ? { name: filled } : { address: filled };
    }
    case 'domain':
      return { name: `host${text}` };
    case 'name':
      return { name: text };
    case 'wildcard':
      return text.toLowerCase() === 'local'
        ? { name: 'host' }
        : text.toLowerCase() === 'known'
          ? { address: strangers[0], name: 'host.example' }
          : undefined;
    default:
      return undefined;
  }
}

function clientPatterns(policy: Policy): HostsPattern[] {
  return [policy.allow, policy.deny]
    .flatMap((file) => (file ? readRules(file.tree).flatMap((rule) => rule.clients) : []))
    .filter((p) => p.kind !== 'except');
}

function describe(anyone: boolean, admitted: string[], refused: string[]): string {
  if (anyone) return refused.length === 0 ? 'anyone' : `anyone but ${refused.join(', ')}`;
  return admitted.length === 0 ? 'nobody' : `${admitted.join(', ')} only`;
}

/**
 * Who tcpd admits to a daemon run under any of `daemons` (the forms VOS may give it) on `port`: the form that
 * admits more decides. `addresses` are clients to ask about as well (the NIO's).
 */
export function admission(
  policy: Policy,
  daemons: readonly string[],
  port: number,
  addresses: readonly string[] = [],
): Admission {
  const patterns = clientPatterns(policy);
  const stranger = strangers.find(
    (address) =>
      !patterns.some((p) => !/^(?:all|unknown)$/i.test(p.pattern) && hostPatternMatches(policy, p.value, { address })),
  );
  const candidates = new Map<string, Endpoint>(addresses.map((address) => [address, { address }]));
  const unknown: string[] = [];
  for (const pattern of patterns) {
    const client = clientOf(pattern);
    if (client === undefined) {
      if ((pattern.kind === 'netgroup' || pattern.kind === 'file') && !unknown.includes(pattern.value))
        unknown.push(pattern.value);
    } else if (!candidates.has(pattern.pattern)) candidates.set(pattern.pattern, client);
  }
  const granted = (client: Endpoint) =>
    daemons.some((daemon) => evaluate(policy, { daemon, port, server: {}, client }).access === 'granted');
  const anyone = stranger === undefined || granted({ address: stranger });
  const admitted: string[] = [];
  const refused: string[] = [];
  for (const [label, client] of candidates) (granted(client) ? admitted : refused).push(label);
  return { anyone, admitted, refused, unknown, text: describe(anyone, admitted, refused) };
}

/**
 * Fills in who may connect to each listener that runs through tcpd, from the module's hosts.allow and hosts.deny.
 * A module given without either file leaves it undecided, as a module given without macros leaves what STCP starts
 * assumed: the files may be kept elsewhere.
 */
export function addTcpdAdmissions(model: ModuleModel, files: readonly AuditedFile[]): void {
  const wrapped = model.listeners.filter((listener) => listener.wrappedBy === 'tcpd');
  if (wrapped.length === 0) return;
  const policy = modulePolicy(files);
  if (policy.allow === undefined && policy.deny === undefined) {
    for (const listener of wrapped.filter((l) => l.state !== 'off' && l.state !== 'dead')) {
      model.unresolved.push({
        reason: `${listener.daemon} runs through tcpd, but neither hosts.allow nor hosts.deny is among the module's files: who may connect is unknown`,
        place: listener.decidedAt,
      });
    }
    return;
  }
  for (const listener of wrapped) {
    const daemons = tcpdDaemonNames(listener.daemon);
    listener.admits = {
      ...admission(policy, daemons, listener.port),
      firewall: admittedNetworks(policy, daemons, listener.port),
    };
  }
}
