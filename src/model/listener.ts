import type { Transport } from '../catalog/server-ports.ts';
import type { Condition } from './conditions.ts';
import type { Place } from './place.ts';

export type ListenerState = 'live' | 'off' | 'conditional' | 'dead';

/** One port the module listens on, or would if configured otherwise, and everything that decided it. */
export interface Listener {
  port: number;
  /** For a kernel range, what its last port depends on. */
  rangeEnd?: string;
  protocol: Transport;
  daemon: string;
  startedBy: string;
  state: ListenerState;
  /** When it runs, in words ("not (software_purchased S270)"), when conditional. */
  condition?: string;
  /** The same condition as an algebra, for whoever combines or evaluates it. */
  when?: Condition;
  /** Why it is off or dead, or what was assumed, in words. */
  note?: string;
  wrappedBy?: string;
  /** Every place that decided it, outermost first. */
  evidence: Place[];
  advice?: string;
}

export interface ModuleModel {
  name: string;
  listeners: Listener[];
  /** What the model could not decide, with where. */
  unresolved: Array<{ reason: string; place?: Place }>;
  /** Whether inetd runs at all; undefined when no macro was given to say. */
  inetd?: { state: ListenerState; evidence: Place[] };
  /** Whether any command macro was given: without one, what STCP starts is assumed. */
  macrosGiven: boolean;
}

export const stateRank: Record<ListenerState, number> = { live: 3, conditional: 2, dead: 1, off: 0 };

/** The item of the strongest state: live over conditional over dead over off. */
export function strongest<T extends { state: ListenerState }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || stateRank[item.state] > stateRank[best.state] ? item : best), undefined);
}
