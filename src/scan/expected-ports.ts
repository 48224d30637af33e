import type { Transport } from '../catalog/server-ports.ts';
import { strongest, type Listener, type ModuleModel } from '../model/listener.ts';
import type { Place } from '../model/place.ts';

/**
 * What the module model says of one port or range: the only view of the model the scan comparison reads, so that a
 * change to the model's shape is met here alone.
 */
export interface ExpectedPort {
  protocol: Transport;
  from: number;
  to: number;
  /** A kernel range, whose ports are not all listened on at every moment: only an open port in it is judged. */
  range: boolean;
  state: 'live' | 'conditional' | 'off' | 'dead';
  daemon: string;
  /** When conditional, the condition as the model shows it. */
  condition?: string;
  /** Why it is off or dead, or what was assumed. */
  note?: string;
  evidence: Place[];
}

/**
 * The last port of a kernel range: the model's, when max_open_server is stated; else the end of its thousand, as
 * the article names the ranges "3XXX" and "4XXX" (our reading).
 */
function lastPort(listener: Listener): number {
  if (listener.lastPort !== undefined) return listener.lastPort;
  return listener.rangeEnd === undefined ? listener.port : listener.port - (listener.port % 1000) + 999;
}

export function expectedPorts(model: ModuleModel): ExpectedPort[] {
  return model.listeners.map((listener) => ({
    protocol: listener.protocol,
    from: listener.port,
    to: lastPort(listener),
    range: listener.rangeEnd !== undefined || listener.lastPort !== undefined,
    state: listener.state,
    daemon: listener.daemon,
    ...(listener.condition !== undefined && { condition: listener.condition }),
    ...(listener.note !== undefined && { note: listener.note }),
    evidence: listener.evidence,
  }));
}

/** What the model expects on one port: the strongest of the rows that cover it (live over conditional over dead over off). */
export function expectationAt(
  expected: readonly ExpectedPort[],
  protocol: Transport,
  port: number,
): ExpectedPort | undefined {
  return strongest(expected.filter((row) => row.protocol === protocol && row.from <= port && port <= row.to));
}

/** A condition in words, as settled by what the scan saw: `S270 is purchased` for a lone product term. */
export function conditionIn(condition: string, holds: boolean): string {
  const product = /^\(?\s*software_purchased\s+(\S+?)\s*\)?$/i.exec(condition.trim());
  if (product !== null) return `${product[1]!.toUpperCase()} is ${holds ? '' : 'not '}purchased`;
  return `${condition.trim()} ${holds ? 'holds' : 'does not hold'}`;
}
