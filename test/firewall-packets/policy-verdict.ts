/*
 * What the policy's JSON says of a connection, read as a firewall applies it: a packet to a module of the run goes
 * through that module's inbound rules, a packet from one through its outbound rules, and one between two modules
 * through both; the first rule that matches decides. A connection works when its first packet passes and, unless
 * the policy is stateful, its reply too.
 */
import { BlockList, isIP } from 'node:net';

interface JsonRule {
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  protocol: string;
  ports: [number, number];
  sourcePorts?: [number, number];
  peer: string | string[];
}

export interface JsonPolicy {
  /** Absent from a policy that relies on no connection tracking. */
  stateful?: boolean;
  modules: Array<{ name: string; address?: string | string[] | null; rules: JsonRule[] }>;
}

export interface Packet {
  protocol: 'tcp' | 'udp';
  from: string;
  sourcePort: number;
  to: string;
  port: number;
}

function list(value: string | string[] | null | undefined): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function addressSet(addresses: string[]): BlockList {
  const set = new BlockList();
  for (const address of addresses) {
    const [base, length] = address.split('/') as [string, string | undefined];
    if (isIP(base) === 0) continue; // a peer named for want of an address matches no packet
    const type = isIP(base) === 6 ? 'ipv6' : 'ipv4';
    if (length === undefined) set.addAddress(base, type);
    else set.addSubnet(base, Number(length), type);
  }
  return set;
}

function has(set: BlockList, address: string): boolean {
  return set.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

const within = (port: number, [first, last]: [number, number]) => port >= first && port <= last;

export class PolicyVerdict {
  private readonly modules: Array<{ addresses: BlockList; rules: Array<JsonRule & { peers: BlockList }> }>;

  constructor(private readonly policy: JsonPolicy) {
    this.modules = policy.modules.map((module) => ({
      addresses: addressSet(list(module.address)),
      rules: module.rules.map((rule) => ({
        ...rule,
        peers: addressSet(list(rule.peer).filter((peer) => peer !== 'any')),
      })),
    }));
  }

  private decides(direction: 'in' | 'out', packet: Packet): boolean {
    const module = this.modules.find((m) => has(m.addresses, direction === 'in' ? packet.to : packet.from));
    if (module === undefined) return true;
    const peer = direction === 'in' ? packet.from : packet.to;
    const rule = module.rules.find(
      (r) =>
        r.direction === direction &&
        (r.protocol === 'any' ||
          (r.protocol === packet.protocol &&
            within(packet.port, r.ports) &&
            (r.sourcePorts === undefined || within(packet.sourcePort, r.sourcePorts)))) &&
        (list(r.peer).includes('any') || has(r.peers, peer)),
    );
    return rule?.action === 'allow';
  }

  /** Whether the packet crosses: out of its source module, if it comes from one, and into its destination's. */
  passes(packet: Packet): boolean {
    return this.decides('out', packet) && this.decides('in', packet);
  }

  /**
   * Whether an ICMP error about this packet comes back: it is related to the packet's connection, which only a
   * stateful policy follows (no rule of the JSON names ICMP).
   */
  letsErrorsBack(packet: Packet): boolean {
    return this.passes(packet) && this.policy.stateful === true;
  }

  /** Whether a connection starting with this packet works, its replies included. */
  connects(packet: Packet): boolean {
    const reply: Packet = {
      protocol: packet.protocol,
      from: packet.to,
      sourcePort: packet.port,
      to: packet.from,
      port: packet.sourcePort,
    };
    return this.passes(packet) && (this.policy.stateful === true || this.passes(reply));
  }
}
