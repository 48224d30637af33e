import { printCondition, type Atom, type Condition } from './conditions.ts';
import { GuardTooLarge, type Guard } from './guards.ts';
import { undecidedBy } from './macro-reach.ts';
import type { ListenerState } from './listener.ts';
import type { StartEvent, StartReach } from './macro-starts.ts';
import type { Place } from './place.ts';
import type { Settings } from './settings.ts';
import { decidableByFact, factOf, type SiteFacts, type StatedFact } from './site-facts.ts';

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

/** The facts stated that decide atoms of a guard, as values of those atoms, and the facts that do. */
function factValues(reach: StartReach, guard: Guard, facts: SiteFacts | undefined) {
  const values = new Map<number, boolean>();
  const by: StatedFact[] = [];
  if (facts === undefined) return { values, by };
  for (const number of reach.guards.support(guard)) {
    const decided = factOf(reach.guards.atoms[number]!, facts);
    if (decided === undefined) continue;
    values.set(number, decided.value);
    for (const fact of decided.by) if (!by.includes(fact)) by.push(fact);
  }
  return { values, by };
}

/** "by fact in .vos-audit.json: exists -file x = true": the facts that decided a start. */
function factNote(by: readonly StatedFact[]): string | undefined {
  if (by.length === 0) return undefined;
  return by
    .map((fact) => `by ${fact.from === '--fact' ? '--fact' : `fact in ${fact.from}`}: ${fact.text} = ${fact.value}`)
    .join('; ');
}

/**
 * The assignments under which a start runs once the products stated are fixed (`purchased`), then the facts
 * stated (`guard`), with the facts that decided something.
 */
function remaining(reach: StartReach, settings: Settings) {
  const purchased = reach.guards.fix(reach.guard, productValues(reach, settings.products));
  const facts = factValues(reach, purchased, settings.facts);
  return { purchased, guard: reach.guards.fix(purchased, facts.values), by: facts.by };
}

/**
 * The state of a start: commented out; dead when no assignment of the conditions reaches it; off when only the
 * products or facts stated keep it from running; live when every remaining assignment reaches it; else
 * conditional, with the condition that says when. A start a fact decided says which.
 */
export function decide(event: Pick<StartEvent, 'off' | 'reach'>, settings: Settings): Decided {
  if (event.off) return { state: 'off', note: 'commented out' };
  const { reach } = event;
  const { guards } = reach;
  if (reach.guard === guards.never) return { state: 'dead', note: reach.dead ?? 'never reached' };
  try {
    const { purchased, guard, by } = remaining(reach, settings);
    if (purchased === guards.never) return { state: 'off', note: productNote(reach, settings.products!) };
    const note = factNote(by);
    const noted = note === undefined ? {} : { note };
    if (guard === guards.never) return { state: 'off', ...noted };
    if (reach.unsure !== undefined) return { state: 'conditional', note: reach.unsure };
    if (guard === guards.always) return { state: 'live', ...noted };
    return { state: 'conditional', condition: printCondition(guards.condition(guard)), ...noted };
  } catch (error) {
    return { state: 'conditional', note: undecidedBy(error) };
  }
}

/** The condition `decide` prints, as an algebra over the conditions nothing decided, for whoever evaluates it. */
export function decidedCondition(event: Pick<StartEvent, 'reach'>, settings: Settings): Condition {
  return event.reach.guards.condition(remaining(event.reach, settings).guard);
}

/** The atoms a conditional start still depends on, that a fact could decide. */
export function openAtoms(event: Pick<StartEvent, 'off' | 'reach'>, settings: Settings): Atom[] {
  if (event.off || event.reach.unsure !== undefined || event.reach.guard === event.reach.guards.never) return [];
  try {
    const { guards } = event.reach;
    return guards
      .support(remaining(event.reach, settings).guard)
      .map((number) => guards.atoms[number]!)
      .filter(decidableByFact);
  } catch (error) {
    if (!(error instanceof GuardTooLarge)) throw error;
    return [];
  }
}
