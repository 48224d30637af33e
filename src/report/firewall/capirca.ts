import { isIPv6 } from 'node:net';
import { rangeText, type FirewallPolicy, type Peer, type PolicyRule, type PortRange } from '../../policy/rule.ts';
import { commentText, moduleIdentifiers, reasonText } from './names.ts';

/** The platforms each policy names; aclgen renders one filter per module, direction and platform. */
const targets = [
  { platform: 'juniper', v4: 'inet', v6: 'inet6' },
  { platform: 'cisco', v4: 'extended', v6: 'inet6' },
];

const commentLength = 200;

function serviceToken(protocol: string, [first, last]: PortRange): string {
  return `${protocol.toUpperCase()}_${first === last ? first : `${first}_${last}`}`;
}

/** Definitions files: one token a line, `NAME = value  # comment`, as Capirca's naming module reads them. */
class Definitions {
  readonly networks = new Map<string, { address: string; comment: string }>();
  readonly services = new Map<string, string>();

  network(token: string, address: string | undefined, comment: string): string {
    if (address === undefined) throw new Error('a module or NIO without an address reached the Capirca renderer');
    this.networks.set(token, { address, comment });
    return token;
  }

  service(protocol: string, ports: PortRange): string {
    const token = serviceToken(protocol, ports);
    this.services.set(token, `${rangeText(ports)}/${protocol}`);
    return token;
  }

  networkFile(): string {
    return [...this.networks]
      .map(
        ([token, { address, comment }]) =>
          `${token} = ${address}/${isIPv6(address) ? 128 : 32}  # ${commentText(comment, commentLength)}\n`,
      )
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
  const ids = moduleIdentifiers(policy, 40);
  const definitions = new Definitions();
  const token = (name: string) => ids.get(name)!.toUpperCase();
  for (const module of policy.modules) definitions.network(token(module.name), module.address, `module ${module.name}`);
  const peerToken = (module: string, peer: Peer) => {
    if (peer.kind === 'any') return undefined;
    if (peer.kind === 'module') return token(peer.name);
    return definitions.network(`${token(module)}_NIO`, peer.address, `the NIO of module ${module}`);
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
          term(`${id}-${direction}-${n + 1}`, rule, token(module.name), peerToken(module.name, rule.peer), definitions),
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
