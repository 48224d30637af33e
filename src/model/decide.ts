import { atomsOf, printCondition, type Condition } from './conditions.ts';
import type { ListenerState } from './listener.ts';
import type { StartEvent, StartReach } from './macro-starts.ts';
import type { Place } from './place.ts';
import type { Settings } from './settings.ts';

export interface Decided {
  state: ListenerState;
  /** The condition in words, when conditional. */
  condition?: string;
  note?: string;
}

/** A start's decision with the places that made it, and the start line that did (none when assumed). */
export type DecidedStart = Decided & { evidence: Place[]; decidedAt?: Place };

/** The products stated, as values of the atoms that ask about them. */
function productValues(reach: StartReach, products: ReadonlySet<string> | undefined): Map<number, boolean> {
  const values = new Map<number, boolean>();
  if (products === undefined) return values;
  reach.tables.index.atoms.forEach((atom, number) => {
    if (atom.product !== undefined) values.set(number, products.has(atom.product));
  });
  return values;
}

/** "product S270 is not purchased": the products that made a start that could run never run. */
function productNote(reach: StartReach, products: ReadonlySet<string>): string {
  const asked = [...atomsOf(reach.tables.condition(reach.table)).values()].flatMap((atom) =>
    atom.product ? [atom.product] : [],
  );
  if (asked.length === 0) return 'not reached with the products purchased';
  return asked.map((product) => `product ${product} is ${products.has(product) ? '' : 'not '}purchased`).join(', ');
}

/** The assignments under which a start runs once the products stated are fixed. */
function remaining(reach: StartReach, settings: Settings) {
  return reach.tables.fix(reach.table, productValues(reach, settings.products));
}

/**
 * The state of a start: commented out; dead when no assignment of the conditions reaches it; off when only the
 * products stated keep it from running; live when every remaining assignment reaches it; else conditional, with the
 * condition that says when.
 */
export function decide(event: Pick<StartEvent, 'off' | 'reach'>, settings: Settings): Decided {
  if (event.off) return { state: 'off', note: 'commented out' };
  const { reach } = event;
  const { tables } = reach;
  if (tables.isEmpty(reach.table)) return { state: 'dead', note: reach.dead ?? 'never reached' };
  const decided = remaining(reach, settings);
  if (tables.isEmpty(decided)) return { state: 'off', note: productNote(reach, settings.products!) };
  if (reach.unsure !== undefined) return { state: 'conditional', note: reach.unsure };
  const when = tables.condition(decided);
  return when.kind === 'constant' ? { state: 'live' } : { state: 'conditional', condition: printCondition(when) };
}

/** The condition `decide` prints, as an algebra over the conditions nothing decided, for whoever evaluates it. */
export function decidedCondition(event: Pick<StartEvent, 'reach'>, settings: Settings): Condition {
  return event.reach.tables.condition(remaining(event.reach, settings));
}
