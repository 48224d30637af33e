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
  /** The NIO's address(es), which alone tcpd should let use tftp. */
  nioAddresses?: readonly string[];
  /** The products purchased, when stated; otherwise `software_purchased` conditions stay open. */
  products?: ReadonlySet<string>;
  /** The level the configuration gives a rule, by id; a rule it does not name keeps its own severity. */
  ruleLevels: ReadonlyMap<string, Severity | 'off'>;
}

export const defaultSettings: Settings = { release: newestRelease, nio: false, ruleLevels: new Map() };
