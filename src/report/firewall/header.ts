import type { FirewallPolicy } from '../../policy/rule.ts';

/** How an output is checked and loaded, in its own header. */
export interface Loading {
  what: string;
  check: string;
  load: string;
  /** What else to load with it (the other family's file). */
  also?: string;
}

/**
 * The comment lines every loadable output begins with: where it belongs, how it is checked and loaded, and what
 * it does with replies, module-to-module traffic and ICMP (docs/firewall.md says the same at more length).
 */
export function forwardHeader(policy: FirewallPolicy, loading: Loading): string[] {
  const state = policy.stateful
    ? [
        'Stateful: packets of a tracked connection, and the ICMP errors related to one, are accepted before any rule,',
        'invalid ones dropped; no rule admits a packet by its source port alone.',
      ]
    : [
        "Stateless (--stateless): replies are admitted by rules that match the peer's source port, so anyone who",
        "sends from such a port (53 for DNS, 22 for ssh, 123 for ntp, a service's own port) reaches the ports those",
        'rules open on the module (its ephemeral range). Use it only where the firewall cannot track connections.',
      ];
  return [
    `# vos-audit: ${loading.what}, derived from the modules' configuration; every rule says why in its comment.`,
    '# Where: the forward path of the firewall in front of the modules (the router between them and the networks',
    "# that reach them). It drops whatever it forwards to or from no module's address, so load it there, not on a",
    '# router that carries other traffic.',
    `# Check: ${loading.check}`,
    `# Load: ${loading.load}`,
    ...(loading.also ? [`# Also: ${loading.also}`] : []),
    ...state.map((line) => `# ${line}`),
    "# Between two modules a packet passes only when the source's out rules and the destination's in rules both",
    '# allow it. A module with no address of a family gets none of that family through. ICMP echo (ping) is',
    '# allowed by choice: drop the rules that say "ping" to refuse it.',
  ];
}
