import type { Transport } from '../catalog/server-ports.ts';

export type Direction = 'in' | 'out';
export type Action = 'allow' | 'deny';
/** `any` only in the last rule of a direction, which denies the rest; `icmp` is ICMP for IPv4 and ICMPv6 for IPv6. */
export type Protocol = Transport | 'icmp' | 'esp' | 'any';

/** ICMP messages by their ICMPv6 names; IPv4 carries "packet too big" as destination unreachable (fragmentation needed). */
export const icmpTypes = [
  'echo-request',
  'echo-reply',
  'destination-unreachable',
  'packet-too-big',
  'time-exceeded',
  'parameter-problem',
] as const;
export type IcmpType = (typeof icmpTypes)[number];
/** First and last port, both included. */
export type PortRange = readonly [number, number];

export const allPorts: PortRange = [0, 65535];

/**
 * Who is on the other side: anyone, or a named group of addresses (the modules of a system for OSL, the bridge
 * modules of other systems for OSN, a module's NIO), so that a group's addresses are written once however many
 * rules name it.
 */
export type Peer = { kind: 'any' } | { kind: 'group'; group: string };

/** Addresses that rules name together. */
export interface PeerGroup {
  /** Unique among the policy's groups and its modules' names. */
  name: string;
  /** The group in a few words, for comments. */
  what: string;
  /** A short form of the name, that a format makes its identifier from. */
  stem: string;
  /** The run's modules in it, whose addresses are the group's; empty for an NIO. */
  modules: readonly string[];
  /** The NIO whose addresses are the group's; none known, and the group cannot be loaded into a firewall. */
  nio?: { module: string; addresses: readonly string[] };
  /** Networks the policy names itself (the clients tcpd admits, written as CIDR): the group's, with no module. */
  networks?: readonly string[];
}

/** One rule of a module's policy; the first rule that matches a packet decides. */
export interface PolicyRule {
  direction: Direction;
  action: Action;
  protocol: Protocol;
  /** The module's port when inbound, the peer's when outbound; tcp and udp only (all ports for the others). */
  ports: PortRange;
  /** For icmp: the messages it matches. */
  icmpTypes?: readonly IcmpType[];
  /** The sender's ports, when they are fixed (return traffic, ftp data from 20, ntp from 123). */
  sourcePorts?: PortRange;
  peer: Peer;
  reason: string;
  /** The `file:line` places that produced it, or the article's table or the setting it comes from. */
  evidence: string[];
  /** Set on the rules that admit replies, which only a stateless filter needs. */
  reply?: true;
  /** Set when the rule stands on a condition that nothing decided (`--include-conditional`). */
  condition?: string;
}

export interface ModulePolicy {
  name: string;
  /** Its addresses, of either family; none when not set. */
  addresses: readonly string[];
  rules: PolicyRule[];
}

/**
 * A rule left out: it stands on a condition nothing decided (`--include-conditional` would include it), or on a fact
 * not given (a range's end, a system's name), which only stating the fact supplies.
 */
export interface LeftOut {
  module: string;
  what: string;
  because: string;
  /** The option or configuration key that would decide it. */
  decidedBy: string;
  conditional: boolean;
}

export interface FirewallPolicy {
  /**
   * Whether the firewall tracks connections: it then accepts the packets of an established connection (and the ICMP
   * errors related to one) before any rule, and drops the invalid ones, so that no rule needs to admit replies.
   */
  stateful: boolean;
  modules: ModulePolicy[];
  /** The groups the rules name as peers. */
  groups: PeerGroup[];
  leftOut: LeftOut[];
  /** What the user should know about the policy: an OSL range with no peer, a model that is incomplete. */
  notes: PolicyNote[];
}

/** A note of the policy, about one module. */
export interface PolicyNote {
  module: string;
  text: string;
}

/** A note as the JSON and the page print it: `module: text`. */
export const noteText = (note: PolicyNote) => `${note.module}: ${note.text}`;

/** A peer as JSON, CSV and the table show it: `any`, or its group's name. */
export function peerText(peer: Peer): string {
  return peer.kind === 'any' ? 'any' : peer.group;
}

/** A group's addresses: its NIO's, or its modules' in the order of the run (a module without an address adds none). */
export function groupAddresses(policy: FirewallPolicy, group: PeerGroup): string[] {
  if (group.nio) return [...group.nio.addresses];
  if (group.networks) return [...group.networks];
  const members = new Set(group.modules);
  return policy.modules.flatMap((module) => (members.has(module.name) ? module.addresses : []));
}

export function rangeText([first, last]: PortRange): string {
  return first === last ? String(first) : `${first}-${last}`;
}

/** The last component of a module's path: what identifiers are made from. */
export function lastComponent(name: string): string {
  return (
    name
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .at(-1) ?? ''
  );
}
