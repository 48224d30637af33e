import type { Transport } from '../catalog/server-ports.ts';
import type { Release } from '../catalog/releases.ts';
import type { SiteFacts } from './site-facts.ts';

export type Severity = 'error' | 'warning' | 'info';

/** A port a site's own program opens, as `.vos-audit.json` declares it (`"3306/tcp"`). */
export interface DeclaredPort {
  port: number;
  transport: Transport;
}

/** Declared ports as a site reads them: `3306/tcp`, joined by the separator, or `none` for an empty list. */
export function declaredPortsText(ports: readonly DeclaredPort[], separator: string): string {
  return ports.length === 0 ? 'none' : ports.map((port) => `${port.port}/${port.transport}`).join(separator);
}

/** The site's own daemons and what they listen on, with the configuration file that says so. */
export interface SiteDaemons {
  from: string;
  ports: ReadonlyMap<string, readonly DeclaredPort[]>;
}

/**
 * A site's own decision about a port of the module, from `"firewall"` in .vos-audit.json: it comes before every rule
 * the policy derives, a deny before an allow.
 */
export interface FirewallOverride {
  action: 'allow' | 'deny';
  protocol: Transport;
  /** First and last port, both included. */
  ports: readonly [number, number];
  /** The clients it is about, as canonical networks of either family; anyone when not given. */
  from?: readonly string[];
  /** Why the site decided so, as the site wrote it. */
  reason: string;
  /** Where it is written: `file:line:column` of the entry. */
  at: string;
}

/**
 * What one module is and how it is judged: built once per module, from the command line, else the module's
 * .vos-audit.json, else the defaults below. What is not stated is not assumed: without a release, a port that
 * exists only in some releases is conditional on them.
 */
export interface Settings {
  release?: Release;
  /** The module has an NIO (V-series network I/O blade), which needs tcp/37 time, tftp and sync_cfgd. */
  nio: boolean;
  /** The NIO's address(es), which alone tcpd should let use tftp. */
  nioAddresses?: readonly string[];
  /** The products purchased, when stated; otherwise `software_purchased` conditions stay open. */
  products?: ReadonlySet<string>;
  /** max_open_server of new_modules.tin: the end of the OSL range, 3000 + 2 × it. */
  maxOpenServer?: number;
  /** max_open_server of new_backbone_systems.tin: the end of the OSN range, 4000 + it. */
  backboneMaxOpenServer?: number;
  /** Whether the module is its system's bridge module (the only one on which OSN listens). */
  bridge?: boolean;
  daemons?: SiteDaemons;
  /** What the site states about its macros' conditions: a condition's truth, or a variable's value. */
  facts?: SiteFacts;
  /** Its addresses, of either family, canonical: how a scan (`verify`) finds it, and what the firewall names. */
  addresses?: readonly string[];
  /** The name of the VOS system it belongs to: the modules of one system are each other's OSL peers. */
  system?: string;
  /** The site's overrides of the firewall policy, in the order they were written. */
  firewall?: readonly FirewallOverride[];
  /** The level the configuration gives a rule, by id; a rule it does not name keeps its own severity. */
  ruleLevels: ReadonlyMap<string, Severity | 'off'>;
}

export const defaultSettings: Settings = { nio: false, ruleLevels: new Map() };
