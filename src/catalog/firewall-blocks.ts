import type { Transport } from './server-ports.ts';

/** A port the article says to block at the firewall, in its own words. */
export interface FirewallBlock {
  port: number;
  transport: Transport;
  /** Blocked only on a module with an NIO, which needs the service but reaches it over its private network. */
  withNio: boolean;
  /** The releases that have the port, as table 2 gives them; none: every release. */
  releases?: { from: string; text: string };
  reason: string;
}

export const firewallBlocks: readonly FirewallBlock[] = [
  {
    port: 85,
    transport: 'tcp',
    withNio: false,
    releases: { from: '15.0', text: '15.0+' },
    reason:
      'telnetd for the RSN (rsn_incoming); the article: "I suggest that any firewalls be configured to block connections to this port"',
  },
  {
    port: 29000,
    transport: 'udp',
    withNio: false,
    releases: { from: '15.0', text: '15.0+' },
    reason:
      'sync_cfgd, for the NIO over its private network; the article: "any firewalls should be configured to drop connections to this port"',
  },
  {
    port: 37,
    transport: 'tcp',
    withNio: true,
    reason:
      'tcp time, which the NIO needs over its private network; the article: ' +
      '"the site firewall be configured to block any TCP time requests directed to the module"',
  },
  {
    port: 69,
    transport: 'udp',
    withNio: true,
    reason:
      'tftp, which the NIO needs over its private network; the article: "the site firewall be configured to block any TFTP requests directed to the module"',
  },
];
