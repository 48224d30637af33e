import { isIPv6 } from 'node:net';
import { rangeText, type FirewallPolicy, type Peer, type PolicyRule, type PortRange } from '../../policy/rule.ts';
import { commentText, moduleIdentifiers, Names, reasonText } from './names.ts';

/** The platforms each policy names; aclgen renders one filter per module, direction and platform. */
const targets = [
  { platform: 'juniper', v4: 'inet', v6: 'inet6' },
  { platform: 'cisco', v4: 'extended', v6: 'inet6' },
];

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

function hostAddress(address: string): string {
  return `${address}/${isIPv6(address) ? 128 : 32}`;
}

function term(
  name: string,
  rule: PolicyRule,
  own: string,
  peer: string | undefined,
  definitions: Definitions,
): string[] {
  const [here, there] = rule.direction === 'in' ? ['destination', 'source'] : ['source', 'destination'];
  const lines = [`term ${name} {`, `  comment:: "${commentText(reasonText(rule), commentLength)}"`];
  if (peer) lines.push(`  ${there}-address:: ${peer}`);
  lines.push(`  ${here}-address:: ${own}`);
  if (rule.protocol !== 'any') {
    lines.push(`  protocol:: ${rule.protocol}`);
    if (rule.sourcePorts) lines.push(`  source-port:: ${definitions.service(rule.protocol, rule.sourcePorts)}`);
    lines.push(`  destination-port:: ${definitions.service(rule.protocol, rule.ports)}`);
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
    definitions.network(
      token(module.name),
      module.address ? [hostAddress(module.address)] : [],
      `module ${module.name}`,
    );
  const groups = new Map<string, string>();
  const peerToken = (peer: Peer) => {
    if (peer.kind === 'any') return undefined;
    let defined = groups.get(peer.group);
    if (defined === undefined) {
      const group = policy.groups.find((g) => g.name === peer.group)!;
      const values = group.nio ? group.nio.addresses.map(hostAddress) : group.modules.map(token);
      defined = definitions.network(names.claim(group.stem).toUpperCase(), values, group.what);
      groups.set(peer.group, defined);
    }
    return defined;
  };
  const files = new Map<string, string>();
  for (const module of policy.modules) {
    const id = ids.get(module.name)!;
    const v6 = isIPv6(module.address ?? '');
    const filters = (['in', 'out'] as const).flatMap((direction) => [
      'header {',
      `  comment:: "${commentText(`vos-audit: traffic ${direction === 'in' ? 'to' : 'from'} module ${module.name}`, commentLength)}"`,
      ...targets.map((target) => `  target:: ${target.platform} ${id}-${direction} ${v6 ? target.v6 : target.v4}`),
      '}',
      ...module.rules
        .filter((rule) => rule.direction === direction)
        .flatMap((rule, n) =>
          term(`${id}-${direction}-${n + 1}`, rule, token(module.name), peerToken(rule.peer), definitions),
        ),
      '',
    ]);
    files.set(
      `pol/${id}.pol`,
      `# The firewall policy vos-audit derived for module ${commentText(module.name, commentLength)}.\n${filters.join('\n')}`,
    );
  }
  files.set('def/NETWORK.net', definitions.networkFile());
  files.set('def/SERVICES.svc', definitions.serviceFile());
  return files;
}
