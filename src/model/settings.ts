import { newestRelease, type Release } from '../catalog/releases.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * What one module is and how it is judged: built once per module, from the command line, else the module's
 * .vos-audit.json, else the defaults below.
 */
export interface Settings {
  release: Release;
  /** The module has an NIO (V-series network I/O blade), which needs tcp/37 time and tftp. */
  nio: boolean;
  /** The products purchased, when stated; otherwise `software_purchased` conditions stay open. */
  products?: ReadonlySet<string>;
  /** Its IPv4 or IPv6 address, canonical: where the firewall's rules for it point. */
  address?: string;
  /** The name of the VOS system it belongs to: the modules of one system are each other's OSL peers. */
  system?: string;
  /** Whether the module is its system's bridge module (the only one on which OSN listens). */
  bridge?: boolean;
  /** max_open_server of new_modules.tin (and new_backbone_systems.tin): the end of the OSL and OSN ranges. */
  maxOpenServer?: number;
  /** The address of the module's NIO, the only peer of the NIO's services. */
  nioAddress?: string;
  /** The level the configuration gives a rule, by id; a rule it does not name keeps its own severity. */
  ruleLevels: ReadonlyMap<string, Severity | 'off'>;
}

export const defaultSettings: Settings = { release: newestRelease, nio: false, ruleLevels: new Map() };
