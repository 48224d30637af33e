/*
 * What the policy's JSON says of a connection, read as a firewall applies it (docs/firewall.md): a packet to a module
 * of the run goes through that module's inbound rules, a packet from one through its outbound rules, and one between
 * two modules through both; the first rule that matches decides. A connection works when its first packet passes
 * and, unless the policy is stateful, its reply too.
 */
import { BlockList, isIP } from 'node:net';

interface JsonRule {
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  protocol: string;
  ports: [number, number];
  sourcePorts?: [number, number];
  icmpTypes?: string[];
  /** `any`, or the name of one of the policy's groups. */
  peer: string;
}

export interface JsonPolicy {
  /** Whether the firewall follows connections, letting their replies and related ICMP errors through before any rule. */
  stateful?: boolean;
  modules: Array<{ name: string; address: string | null; addresses?: string[]; rules: JsonRule[] }>;
  groups: Array<{ name: string; addresses: string[] }>;
}

export interface Packet {
  protocol: 'tcp' | 'udp' | 'icmp';
  from: string;
  sourcePort: number;
  to: string;
  port: number;
  icmpType?: string;
}

/** Addresses and networks (`address/length`) as a set that answers for an address of either family. */
function addressSet(addresses: readonly string[]): BlockList {
  const set = new BlockList();
  for (const address of addresses) {
    const [base, length] = address.split('/') as [string, string | undefined];
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

function matches(rule: JsonRule, packet: Packet): boolean {
  if (rule.protocol === 'any') return true;
  if (rule.protocol !== packet.protocol) return false;
  if (packet.protocol === 'icmp') return rule.icmpTypes?.includes(packet.icmpType!) ?? true;
  return (
    within(packet.port, rule.ports) && (rule.sourcePorts === undefined || within(packet.sourcePort, rule.sourcePorts))
  );
}

export class PolicyVerdict {
  private readonly modules: Array<{ addresses: BlockList; rules: Array<JsonRule & { peers?: BlockList }> }>;

  constructor(private readonly policy: JsonPolicy) {
    const groups = new Map(policy.groups.map((group) => [group.name, addressSet(group.addresses)]));
    this.modules = policy.modules.map((module) => ({
      addresses: addressSet(module.addresses ?? (module.address ? [module.address] : [])),
      rules: module.rules.map((rule) => {
        if (rule.peer === 'any') return rule;
        const peers = groups.get(rule.peer);
        if (peers === undefined) throw new Error(`a rule names the peer ${rule.peer}, which is no group of the policy`);
        return { ...rule, peers };
      }),
    }));
  }

  private decides(direction: 'in' | 'out', packet: Packet): boolean {
    const module = this.modules.find((m) => has(m.addresses, direction === 'in' ? packet.to : packet.from));
    if (module === undefined) return true;
    const peer = direction === 'in' ? packet.from : packet.to;
    const rule = module.rules.find(
      (r) => r.direction === direction && matches(r, packet) && (r.peers === undefined || has(r.peers, peer)),
    );
    return rule?.action === 'allow';
  }

  private isModule(address: string): boolean {
    return this.modules.some((module) => has(module.addresses, address));
  }

  /**
   * Whether the packet crosses: out of its source module, if it comes from one, and into its destination's, if it
   * goes to one; a packet to or from no module's address is dropped.
   */
  passes(packet: Packet): boolean {
    if (!this.isModule(packet.from) && !this.isModule(packet.to)) return false;
    return this.decides('out', packet) && this.decides('in', packet);
  }

  /** Whether a connection starting with this packet works, its replies included. */
  connects(packet: Packet): boolean {
    const reply: Packet = {
      ...packet,
      from: packet.to,
      sourcePort: packet.port,
      to: packet.from,
      port: packet.sourcePort,
    };
    return this.passes(packet) && (this.policy.stateful === true || this.passes(reply));
  }

  /**
   * Whether the destination-unreachable error the packet provokes comes back: as related to the packet's connection
   * when the policy is stateful, else only through a rule that admits it.
   */
  letsErrorsBack(packet: Packet): boolean {
    const error: Packet = {
      protocol: 'icmp',
      icmpType: 'destination-unreachable',
      from: packet.to,
      sourcePort: 0,
      to: packet.from,
      port: 0,
    };
    return this.passes(packet) && (this.policy.stateful === true || this.passes(error));
  }
}
