import type { FirewallOverride } from '../model/settings.ts';
import { canonicalNetwork } from '../util/address.ts';
import type { JsonPath } from '../util/located-json.ts';
import { nearest } from '../util/nearest.ts';

/** Says what is wrong with the value at a path of the configuration, or with the key there, and where. */
export type Fail = (what: string, at?: JsonPath, key?: 'key') => never;

const entryKeys = ['protocol', 'ports', 'from', 'reason'];
const example = `{"protocol": "tcp", "ports": 23, "reason": "logins over ssh only"}`;

const isPort = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535;

/** `23` or `[8000, 8010]`: one port, or a first and last port, both included. */
function portsOf(value: unknown, at: JsonPath, fail: Fail): readonly [number, number] {
  if (isPort(value)) return [value, value];
  const [first, last, ...more] = Array.isArray(value) ? (value as unknown[]) : [];
  if (isPort(first) && isPort(last) && more.length === 0 && first <= last) return [first, last];
  return fail(`'ports' must be a port from 0 to 65535, or a first and last port such as [8000, 8010]`, at);
}

/** `["192.0.2.0/24", "2001:db8::1"]`: the clients, as networks or addresses of either family. */
function networksOf(value: unknown, at: JsonPath, fail: Fail): string[] {
  const expected = `'from' must be a list of networks or addresses such as ["192.0.2.0/24", "2001:db8::/32"], with no bits set past a network's length`;
  if (!Array.isArray(value) || value.length === 0) return fail(expected, at);
  return value.map((item, i) => (typeof item === 'string' && canonicalNetwork(item)) || fail(expected, [...at, i]));
}

function entryOf(
  value: unknown,
  action: FirewallOverride['action'],
  at: JsonPath,
  fail: Fail,
  position: (at: JsonPath) => string,
): FirewallOverride {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`each entry of 'firewall.${action}' must be an object such as ${example}`, at);
  const entry = value as Record<string, unknown>;
  for (const key of Object.keys(entry))
    if (!entryKeys.includes(key)) {
      const guess = nearest(key, entryKeys);
      fail(
        `unknown key in 'firewall.${action}'${guess ? `; did you mean '${guess}'?` : `; expected ${entryKeys.join(', ')}`}`,
        [...at, key],
        'key',
      );
    }
  if (entry.protocol !== 'tcp' && entry.protocol !== 'udp')
    fail(`'protocol' must be "tcp" or "udp"`, entry.protocol === undefined ? at : [...at, 'protocol']);
  if (entry.ports === undefined) fail(`each entry of 'firewall.${action}' needs 'ports', such as ${example}`, at);
  if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
    fail(
      `each entry of 'firewall.${action}' needs a 'reason': why the site decides so, which every output carries`,
      entry.reason === undefined ? at : [...at, 'reason'],
    );
  return {
    action,
    protocol: entry.protocol,
    ports: portsOf(entry.ports, [...at, 'ports'], fail),
    ...(entry.from !== undefined && { from: networksOf(entry.from, [...at, 'from'], fail) }),
    reason: entry.reason.trim(),
    at: position(at),
  };
}

/**
 * `"firewall": {"deny": [...], "allow": [...]}`: ports the site closes or opens whatever the model says, each entry
 * with its protocol, ports, optional clients (`from`) and a reason, and where it is written (`position`).
 */
export function firewallOverrides(value: unknown, fail: Fail, position: (at: JsonPath) => string): FirewallOverride[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`'firewall' must be an object such as {"deny": [${example}], "allow": []}`, ['firewall']);
  const lists = value as Record<string, unknown>;
  for (const key of Object.keys(lists))
    if (key !== 'deny' && key !== 'allow')
      fail(`unknown key in 'firewall'; expected deny or allow`, ['firewall', key], 'key');
  return (['deny', 'allow'] as const).flatMap((action) => {
    const list = lists[action];
    if (list === undefined) return [];
    if (!Array.isArray(list))
      return fail(`'firewall.${action}' must be a list of entries such as [${example}]`, ['firewall', action]);
    return list.map((entry, i) => entryOf(entry, action, ['firewall', action, i], fail, position));
  });
}
