import type { Transport } from '../catalog/server-ports.ts';

export type Direction = 'in' | 'out';
export type Action = 'allow' | 'deny';
/** `any` only in the last rule of a direction, which denies the rest. */
export type Protocol = Transport | 'any';
/** First and last port, both included. */
export type PortRange = readonly [number, number];

export const allPorts: PortRange = [0, 65535];

/**
 * Who is on the other side: anyone, another module of the run, or the module's NIO. A module or NIO without a
 * known address is named instead, which the table, CSV and JSON can show but a firewall cannot load.
 */
export type Peer =
  | { kind: 'any' }
  | { kind: 'module'; name: string; address?: string }
  | { kind: 'nio'; module: string; address?: string };

/** One rule of a module's policy; the first rule that matches a packet decides. */
export interface PolicyRule {
  direction: Direction;
  action: Action;
  protocol: Protocol;
  /** The module's port when inbound, the peer's when outbound. */
  ports: PortRange;
  /** The sender's ports, when they are fixed (return traffic, ftp data from 20, ntp from 123). */
  sourcePorts?: PortRange;
  peer: Peer;
  reason: string;
  /** The `file:line` places that produced it, or the article's table or the setting it comes from. */
  evidence: string[];
  /** Set when the rule stands on a condition that nothing decided (`--include-conditional`). */
  condition?: string;
}

export interface ModulePolicy {
  name: string;
  address?: string;
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
  modules: ModulePolicy[];
  leftOut: LeftOut[];
  /** What the user should know about the policy: an OSL range with no peer, a model that is incomplete. */
  notes: string[];
}

/** A peer as JSON, CSV and the table show it: `any`, an address, or the name of what has none. */
export function peerText(peer: Peer): string {
  if (peer.kind === 'any') return 'any';
  if (peer.kind === 'module') return peer.address ?? peer.name;
  return peer.address ?? `NIO of ${peer.module}`;
}

export function rangeText([first, last]: PortRange): string {
  return first === last ? String(first) : `${first}-${last}`;
}
