import type { MacroCondition } from '../syntax/macro-tree.ts';
import type { ListenerState } from './listener.ts';
import type { StartEvent } from './macro-starts.ts';
import type { Place } from './place.ts';
import type { Settings } from './settings.ts';

const purchased = /^\(\s*software_purchased\s+(\w+)\s*\)$/i;

export interface Decided {
  state: ListenerState;
  condition?: string;
  note?: string;
}

/** A start's decision with the places that made it. */
export type DecidedStart = Decided & { evidence: Place[] };

function conditionText(conditions: MacroCondition[]): string {
  return conditions.map((c) => (c.negated ? `not ${c.text}` : c.text)).join(' and ');
}

/** The state of a start: commented out, dead, decided by the products purchased, or open. */
export function decide(event: Pick<StartEvent, 'off' | 'dead' | 'conditions'>, settings: Settings): Decided {
  if (event.off) return { state: 'off', note: 'commented out' };
  if (event.dead !== undefined) return { state: 'dead', note: event.dead };
  const open: MacroCondition[] = [];
  for (const condition of event.conditions) {
    const product = purchased.exec(condition.text)?.[1]?.toUpperCase();
    if (product === undefined || settings.products === undefined) {
      open.push(condition);
      continue;
    }
    if (settings.products.has(product) === condition.negated) {
      return { state: 'off', note: `product ${product} is ${condition.negated ? '' : 'not '}purchased` };
    }
  }
  return open.length > 0 ? { state: 'conditional', condition: conditionText(open) } : { state: 'live' };
}
