import type { FirewallOverride } from '../model/settings.ts';
import type { Release } from '../catalog/releases.ts';
import type { Transport } from '../catalog/server-ports.ts';
import type { PortRange } from './rule.ts';

/** Whether something happens: surely, or under a condition nothing stated decides. */
export type Certainty = { state: 'live' } | { state: 'conditional'; condition: string; decidedBy: string };

/** A port the module listens on (or, for a kernel range, a range), as the policy needs it. */
export interface ServiceFact {
  protocol: Transport;
  /** Undefined for a kernel range whose end is not known. */
  ports?: PortRange;
  daemon: string;
  /** OSL or OSN: reachable only from their peers, not from anyone. */
  kernel?: 'OSL' | 'OSN';
  certainty: Certainty;
  evidence: string[];
  /** What the audit reports about it at warning or error: the reason it is denied. */
  finding?: { reason: string; ruleId: string; evidence: string; severity: 'error' | 'warning' };
  /** Through tcpd with hosts.allow or hosts.deny given: whom it admits, as networks when a firewall can match them. */
  tcpd?: TcpdClients;
}

/**
 * The clients tcpd admits to a service: CIDR networks of either family, or the patterns that name hosts in a way a
 * firewall cannot match (names, netgroups); `text` in words, `evidence` the hosts.allow and hosts.deny rules.
 */
export type TcpdClients = ({ networks: readonly string[] } | { unwritable: readonly string[] }) & {
  text: string;
  evidence: readonly string[];
};

/** Traffic the module starts: a client of table 3, or data sent from a fixed port (ftp data from 20). */
export interface ClientFact {
  what: string;
  protocol: Transport;
  /** The server's port. */
  ports: PortRange;
  /** Fixed source ports; otherwise the module's ephemeral range. */
  sourcePorts?: PortRange;
  peer: 'any' | 'nio';
  certainty: Certainty;
  evidence: string[];
}

/** Everything about one module that its policy is derived from. */
export interface ModuleFacts {
  name: string;
  /** Its addresses, of either family. */
  addresses: readonly string[];
  system?: string;
  /** Undefined when not stated: OSN is then conditional. */
  bridge?: boolean;
  nio: boolean;
  nioAddresses?: readonly string[];
  services: ServiceFact[];
  clients: ClientFact[];
  /** The module's ephemeral ports by protocol, for its clients' source ports and their return traffic. */
  ephemeral: Record<Transport, PortRange>;
  /** Where a range is the policy's assumption rather than the article's (15.2's udp range), the assumption. */
  ephemeralAssumed?: Partial<Record<Transport, string>>;
  /** The module's release, when stated: the article's blocks of ports that exist from a release apply from it. */
  release?: Release;
  /** The site's overrides of the policy (`"firewall"` in .vos-audit.json), in the order written. */
  overrides: readonly FirewallOverride[];
  /** What the model or the settings left undecided: the policy may lack what it would have allowed. */
  undecided: string[];
}

/** A finding of the audit, reduced to what the policy reads. */
export interface AuditFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  reason: string;
  file: string;
  line: number;
  /** The ports (`tcp/24`) the finding is about, when the rule named them. */
  ports?: readonly string[];
}
