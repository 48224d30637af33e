import type { DaemonPort } from '../catalog/daemons.ts';
import type { PortSource } from './listener.ts';
import type { Place } from './place.ts';

/** A port a started daemon opens: the catalog's, one its arguments name or its own configuration decides, and how sure that is. */
export interface StartPort {
  port: number;
  /** The catalog's entry for the daemon's port: its releases, product and advice hold for a moved port too. */
  entry: DaemonPort;
  /** When an argument's variable may have several values: which value this port is. */
  condition?: string;
  /** What vos-audit could not read that may change the port. */
  undecided?: string;
  source: PortSource;
  /** The line of the daemon's configuration (or the start line's option) that decided the port. */
  decidedAt?: Place;
  /** What else that line says of the port (the addresses it is limited to). */
  note?: string;
  /** Why the port is not opened although the daemon starts (a section whose test is false): the row is off. */
  off?: string;
}
