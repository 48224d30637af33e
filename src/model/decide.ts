import { printCondition, type Condition } from './conditions.ts';
import type { Guard } from './guards.ts';
import { undecidedBy } from './macro-reach.ts';
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
  reach.guards.atoms.forEach((atom, number) => {
    if (atom.product !== undefined) values.set(number, products.has(atom.product));
  });
  return values;
}

/** "product S270 is not purchased": the products that made a start that could run never run. */
function productNote(reach: StartReach, products: ReadonlySet<string>): string {
  const asked = reach.guards.support(reach.guard).flatMap((number) => {
    const { product } = reach.guards.atoms[number]!;
    return product ? [product] : [];
  });
  if (asked.length === 0) return 'not reached with the products purchased';
  return asked.map((product) => `product ${product} is ${products.has(product) ? '' : 'not '}purchased`).join(', ');
}

/** The assignments under which a start runs once the products stated are fixed. */
function remaining(reach: StartReach, settings: Settings): Guard {
  return reach.guards.fix(reach.guard, productValues(reach, settings.products));
}

/**
 * The state of a start: commented out; dead when no assignment of the conditions reaches it; off when only the
 * products stated keep it from running; live when every remaining assignment reaches it; else conditional, with the
 * condition that says when.
 */
export function decide(event: Pick<StartEvent, 'off' | 'reach'>, settings: Settings): Decided {
  if (event.off) return { state: 'off', note: 'commented out' };
  const { reach } = event;
  const { guards } = reach;
  if (reach.guard === guards.never) return { state: 'dead', note: reach.dead ?? 'never reached' };
  try {
    const decided = remaining(reach, settings);
    if (decided === guards.never) return { state: 'off', note: productNote(reach, settings.products!) };
    if (reach.unsure !== undefined) return { state: 'conditional', note: reach.unsure };
    if (decided === guards.always) return { state: 'live' };
    return { state: 'conditional', condition: printCondition(guards.condition(decided)) };
  } catch (error) {
    return { state: 'conditional', note: undecidedBy(error) };
  }
}

/** The condition `decide` prints, as an algebra over the conditions nothing decided, for whoever evaluates it. */
export function decidedCondition(event: Pick<StartEvent, 'reach'>, settings: Settings): Condition {
  return event.reach.guards.condition(remaining(event.reach, settings));
}
