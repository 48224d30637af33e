import { addressFamily, type AddressFamily } from '../../policy/addresses.ts';
import {
  icmpTypes,
  rangeText,
  type FirewallPolicy,
  type IcmpType,
  type Peer,
  type PolicyRule,
  type PortRange,
} from '../../policy/rule.ts';
import { forwardHeader } from './header.ts';
import { asNetwork, commentText, moduleIdentifiers, Names, reasonText } from './names.ts';

/** The platforms each policy names; aclgen renders one filter per module, direction and platform. */
const targets = [
  { platform: 'juniper', IPv4: 'inet', IPv6: 'inet6', both: 'mixed' },
  { platform: 'cisco', IPv4: 'extended', IPv6: 'inet6', both: 'mixed' },
];

/** ICMP's messages as Capirca names them, by family; IPv4 carries "packet too big" as unreachable. */
const icmpNames: Record<AddressFamily, Partial<Record<IcmpType, string>>> = {
  IPv4: {
    'echo-request': 'echo-request',
    'echo-reply': 'echo-reply',
    'destination-unreachable': 'unreachable',
    'time-exceeded': 'time-exceeded',
    'parameter-problem': 'parameter-problem',
  },
  IPv6: Object.fromEntries(icmpTypes.map((type) => [type, type])),
};

const commentLength = 200;

function serviceToken(protocol: string, [first, last]: PortRange): string {
  return `${protocol.toUpperCase()}_${first === last ? first : `${first}_${last}`}`;
}

/**
 * Definitions files, as Capirca's naming module reads them: `NAME = value  # comment`, further values on the lines
 * below, indented. A network's value is an address or another network's name, so a group names its modules once.
 */
class Definitions {
  private readonly networks = new Map<string, { values: string[]; comment: string }>();
  private readonly services = new Map<string, string>();

  /** Every name is claimed unique before it is defined: defining one twice would lose its first value. */
  network(token: string, values: readonly string[], comment: string): string {
    if (this.networks.has(token)) throw new Error(`the Capirca network ${token} was defined twice`);
    if (values.length === 0) throw new Error('a module or NIO without an address reached the Capirca renderer');
    this.networks.set(token, { values: [...values], comment });
    return token;
  }

  service(protocol: string, ports: PortRange): string {
    const token = serviceToken(protocol, ports);
    this.services.set(token, `${rangeText(ports)}/${protocol}`);
    return token;
  }

  networkFile(): string {
    return [...this.networks]
      .map(([token, { values, comment }]) => {
        const indent = ' '.repeat(token.length + 3);
        const lines = values.map((value, n) => `${n === 0 ? `${token} = ` : indent}${value}`);
        lines[0] += `  # ${commentText(comment, commentLength)}`;
        return `${lines.join('\n')}\n`;
      })
      .join('');
  }

  serviceFile(): string {
    return [...this.services].map(([token, value]) => `${token} = ${value}\n`).join('');
  }
}

function term(
  name: string,
  rule: PolicyRule,
  own: string,
  peer: string | undefined,
  definitions: Definitions,
  family: AddressFamily | undefined,
): string[] {
  const [here, there] = rule.direction === 'in' ? ['destination', 'source'] : ['source', 'destination'];
  const lines = [`term ${name} {`, `  comment:: "${commentText(reasonText(rule), commentLength)}"`];
  if (peer) lines.push(`  ${there}-address:: ${peer}`);
  lines.push(`  ${here}-address:: ${own}`);
  if (rule.protocol === 'icmp') {
    const types = [...new Set((rule.icmpTypes ?? []).flatMap((type) => icmpNames[family!][type] ?? []))];
    lines.push(`  protocol:: ${family === 'IPv6' ? 'icmpv6' : 'icmp'}`, `  icmp-type:: ${types.join(' ')}`);
  } else if (rule.protocol === 'esp') lines.push('  protocol:: esp');
  else if (rule.protocol !== 'any') {
    lines.push(`  protocol:: ${rule.protocol}`);
    if (rule.sourcePorts) lines.push(`  source-port:: ${definitions.service(rule.protocol, rule.sourcePorts)}`);
    lines.push(`  destination-port:: ${definitions.service(rule.protocol, rule.ports)}`);
    // A stateless filter's TCP reply: only a packet of an established connection (ACK or RST set), not a new one.
    if (rule.reply && rule.protocol === 'tcp') lines.push('  option:: tcp-established');
  }
  lines.push(`  action:: ${rule.action === 'allow' ? 'accept' : 'deny'}`, '}');
  return lines;
}

/**
 * A Capirca policy per module (`pol/NAME.pol`, a filter per direction) and the definitions they use
 * (`def/NETWORK.net`, `def/SERVICES.svc`): `aclgen --base_directory=DIR --definitions_directory=DIR/def` renders
 * them for Juniper and Cisco, and for any other platform named in a header's `target::`.
 */
export function formatCapirca(policy: FirewallPolicy): Map<string, string> {
  const names = new Names(40);
  const ids = moduleIdentifiers(policy, names, ['']);
  const definitions = new Definitions();
  const token = (name: string) => ids.get(name)!.toUpperCase();
  for (const module of policy.modules)
    definitions.network(token(module.name), module.addresses.map(asNetwork), `module ${module.name}`);
  const groups = new Map<string, string>();
  const peerToken = (peer: Peer) => {
    if (peer.kind === 'any') return undefined;
    let defined = groups.get(peer.group);
    if (defined === undefined) {
      const group = policy.groups.find((g) => g.name === peer.group)!;
      const listed = group.nio?.addresses ?? group.networks;
      const values = listed ? listed.map(asNetwork) : group.modules.map(token);
      defined = definitions.network(names.claim(group.stem).toUpperCase(), values, group.what);
      groups.set(peer.group, defined);
    }
    return defined;
  };
  const files = new Map<string, string>();
  for (const module of policy.modules) {
    const id = ids.get(module.name)!;
    const families = (['IPv4', 'IPv6'] as const).filter((f) => module.addresses.some((a) => addressFamily(a) === f));
    const kind = families.length === 2 ? 'both' : families[0]!;
    const filters = (['in', 'out'] as const).flatMap((direction) => {
      let n = 0;
      const terms = module.rules
        .filter((rule) => rule.direction === direction)
        .flatMap((rule) =>
          (rule.protocol === 'icmp' ? families : [undefined]).flatMap((family) =>
            term(`${id}-${direction}-${++n}`, rule, token(module.name), peerToken(rule.peer), definitions, family),
          ),
        );
      return [
        'header {',
        `  comment:: "${commentText(`vos-audit: traffic ${direction === 'in' ? 'to' : 'from'} module ${module.name}`, commentLength)}"`,
        ...targets.map((target) => `  target:: ${target.platform} ${id}-${direction} ${target[kind]}`),
        '}',
        ...terms,
        '',
      ];
    });
    const header = forwardHeader(policy, {
      what: `the Capirca policy of module ${commentText(module.name, commentLength)}`,
      check: 'aclgen --base_directory=DIR --definitions_directory=DIR/def --output_directory=DIR/out',
      load: "each platform's file under DIR/out, by that platform's own means (Junos commit, Cisco copy to running-config)",
    });
    files.set(`pol/${id}.pol`, `${header.join('\n')}\n${filters.join('\n')}`);
  }
  files.set('def/NETWORK.net', definitions.networkFile());
  files.set('def/SERVICES.svc', definitions.serviceFile());
  return files;
}
