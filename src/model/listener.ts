import type { Advice } from '../catalog/advice.ts';
import type { Transport } from '../catalog/server-ports.ts';
import type { PortsSource } from '../catalog/vos-programs.ts';
import { placeText, type Place } from './place.ts';
import type { Admission } from './admission.ts';

/**
 * Where a listener's ports come from: the catalog's default for the daemon; a start line's argument
 * (`telnet_msd -network_port 24`; `resolved: false` when it is not a port vos-audit can read, and the catalog's
 * default stands in); a file of the module that states the port (an inetd.conf line, a telnet_admin row); the
 * catalog's default while a file vos-audit does not read may set another; the daemon's own configuration file
 * (sshd_config, httpd.conf), whose line is the listener's decidedAt; a site's daemon whose ports `.vos-audit.json`
 * declares; or a program outside the article's tables, with where its port comes from.
 */
export type PortSource =
  | { from: 'catalog' }
  | { from: 'argument'; written: string; resolved: boolean }
  | { from: 'config file' }
  | { from: 'daemon config'; file: string }
  | { from: 'unread file'; file: string }
  | { from: 'declared daemon'; in: string }
  | { from: 'program catalog'; source: PortsSource };

export const listenerStates = ['live', 'conditional', 'off', 'dead'] as const;
export type ListenerState = (typeof listenerStates)[number];

/** One port the module listens on, or would if configured otherwise, and everything that decided it. */
export interface Listener {
  port: number;
  /** For a kernel range, what its last port depends on, when it is not known. */
  rangeEnd?: string;
  /** For a kernel range whose end is known: its last port. */
  lastPort?: number;
  protocol: Transport;
  /**
   * The service on the port: an inetd entry's or a telnet_admin row's own name (`echo`, `bootps`, `rsn`), else the
   * catalog's name for the daemon's port (`ssh`, `netbios-ns`); undefined for a site's declared daemon.
   */
  service?: string;
  daemon: string;
  startedBy: string;
  state: ListenerState;
  /** When it runs, in words ("not (software_purchased S270)"), when conditional. */
  condition?: string;
  /** Why it is off or dead, or what was assumed, in words. */
  note?: string;
  /** What the model could not decide about its port (a file it does not read may set another): also in the note. */
  undecided?: string;
  wrappedBy?: string;
  /** Through tcpd: who hosts.allow and hosts.deny let connect. */
  admits?: Admission;
  /** Every place that decided it, outermost first. */
  evidence: Place[];
  /**
   * The one line that decided it, where a finding about it is reported: its start line, its inetd.conf line or its
   * telnet_admin row. None for what no file of the module states (a kernel range; what STCP is assumed to start).
   */
  decidedAt?: Place;
  portSource: PortSource;
  /**
   * The article's product code (S270 …), STCP for what is part of STCP/VOS, `site` for a site's own program, `other` for
   * a program of the catalog outside the article's tables.
   */
  product: string;
  advice?: Advice;
}

/**
 * Traffic of a program the module runs that is not a fixed listening port: a client's connections (to 1812/udp),
 * data sent from a fixed source port (ftp data from 20), or a server on a port the portmapper assigns.
 */
export interface Connection {
  kind: 'client' | 'source port' | 'varying port';
  program: string;
  protocol: Transport;
  /** The destination port of a client, the source port of a sender; none for a varying port. */
  port?: number;
  state: ListenerState;
  condition?: string;
  note?: string;
  evidence: Place[];
  product: string;
  /** What the program does on the network, in the article's terms. */
  description: string;
  advice?: Advice;
}

/** Something the model could not decide, with where. */
export interface Undecided {
  reason: string;
  place?: Place;
}

/** What the model could not decide, in words, with its `file:line`. */
export function undecidedText(item: Undecided): string {
  return `${item.reason}${item.place ? ` (${placeText(item.place)})` : ''}`;
}

export interface ModuleModel {
  name: string;
  listeners: Listener[];
  connections: Connection[];
  /** What the model could not decide, with where: while there is any, the model is incomplete. */
  unresolved: Undecided[];
  /**
   * Whether inetd runs at all; undefined when no macro was given to say. `unreadMacros` are the live calls of macros
   * not among the module's files: when inetd is not started by the macros read, one of those might start it.
   */
  inetd?: { state: ListenerState; condition?: string; evidence: Place[] };
  /** Calls of macros that are not among the module's files and may run: whatever they start is unknown. */
  unreadMacros: Place[];
  /** Whether any command macro was given: without one, what STCP starts is assumed. */
  macrosGiven: boolean;
  /**
   * The conditions its rows still depend on that a site could state, each as the fact that would decide it, ready
   * to paste under "facts" in .vos-audit.json: `"exists -file x": true`.
   */
  openConditions: string[];
  /** Facts stated that match nothing in the module's macros, each naming the nearest condition. */
  factWarnings: string[];
}

export const stateRank: Record<ListenerState, number> = { live: 3, conditional: 2, dead: 1, off: 0 };

/** The item of the strongest state: live over conditional over dead over off. */
export function strongest<T extends { state: ListenerState }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || stateRank[item.state] > stateRank[best.state] ? item : best),
    undefined,
  );
}

/** Adds a note to an item's, after any it has. */
export function withNote<T extends { note?: string }>(item: T, note: string): T {
  item.note = item.note ? `${item.note}; ${note}` : note;
  return item;
}
