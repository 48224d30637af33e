import { evaluateCalc, integerValue } from './calc.ts';
import { parseCondition } from './condition-parser.ts';
import { substitute, type Atom, type Comparison, type Condition } from './conditions.ts';
import type { Guard, Guards } from './guards.ts';

/**
 * The values a macro's variables may have at a point of its control flow, each under the assignments of the atoms
 * that give it: constant propagation that follows `&set`, `&set_string` and `(calc …)`, so that a condition over a
 * variable the macro assigns is decided by the assignments that reach it, not taken for a fact about the site.
 */
export type Value =
  /** Known text. */
  | { kind: 'text'; text: string }
  /**
   * Depends on the site: a variable nothing set (or set from a command's output, `(command_status)`, a function):
   * a condition over it stays open and names it. `id` tells apart the values of different `&set`s of one name.
   */
  | { kind: 'open'; text: string; id: string }
  /** Changes as a loop goes round, or takes more values than are followed: a test of it may go either way. */
  | { kind: 'varying' };

export interface GuardedValue {
  value: Value;
  guard: Guard;
}

/** Each variable's values, by lower-cased name; a variable not in the map has its initial value. */
export type Values = ReadonlyMap<string, readonly GuardedValue[]>;

export const noValues: Values = new Map();

/** Values of one variable at one point beyond which it is varying: a loop counter goes round this often. */
export const maxVariableValues = 16;
/** Combinations of the values of a text's variables beyond which the text is varying. */
const maxCombinations = 64;

export interface ValueContext {
  guards: Guards;
  /** What a variable is before the macro sets it: a fact stated, or open. */
  initial(name: string): Value;
}

/**
 * The assignments under which an `&if` or `&while` may hold, and those under which it may not; and, when it reads
 * variables, their values on each way: a loop's exit test passes on only the values that leave the loop.
 */
export interface Test {
  holds: Guard;
  fails: Guard;
  valuesIfHolds?: Values;
  valuesIfFails?: Values;
}

/** A variable before its macro sets it: open, named by itself (the site's, or its caller's, to give). */
export function openInitially(name: string): Value {
  return { kind: 'open', text: `&${name}&`, id: '' };
}

const reference = /&\$?([A-Za-z_][\w$.]*)&/g;
const hasReference = /&\$?[A-Za-z_][\w$.]*&/;
const hasCall = /\(\s*[A-Za-z_]/;

function valueKey(value: Value): string {
  return value.kind === 'text' ? `t${value.text}` : value.kind === 'open' ? `o${value.id}\u0000${value.text}` : 'v';
}

function valuesOf(values: Values, name: string, reach: Guard, context: ValueContext): readonly GuardedValue[] {
  return values.get(name) ?? [{ value: context.initial(name), guard: reach }];
}

/** Values with the same key as one, under either guard; more than the cap make one varying value. */
function grouped(list: readonly GuardedValue[], guards: Guards): GuardedValue[] {
  const byKey = new Map<string, GuardedValue>();
  for (const item of list) {
    if (item.guard === guards.never) continue;
    const key = valueKey(item.value);
    const known = byKey.get(key);
    byKey.set(key, known ? { value: known.value, guard: guards.or(known.guard, item.guard) } : item);
  }
  const merged = [...byKey.values()];
  if (merged.length <= maxVariableValues && !(merged.length > 1 && byKey.has('v'))) return merged;
  return [{ value: { kind: 'varying' }, guard: merged.reduce((g, item) => guards.or(g, item.guard), guards.never) }];
}

interface Expansion {
  guard: Guard;
  /** Undefined when a variable in it is varying. */
  text?: string;
  /** The ids of the open values in it: an atom over them is a different atom from one over other sets. */
  ids: string[];
  /** The value each variable in it has. */
  chosen: ReadonlyMap<string, Value>;
}

/** Each text `text` may stand for, its variables replaced by each combination of their values, under its guard. */
function expand(text: string, values: Values, reach: Guard, context: ValueContext): Expansion[] {
  const names = [...new Set(variablesRead(text))];
  let combinations: Array<{ guard: Guard; chosen: Map<string, Value> }> = [{ guard: reach, chosen: new Map() }];
  const { guards } = context;
  for (const name of names) {
    const next: typeof combinations = [];
    for (const combination of combinations) {
      for (const { value, guard } of valuesOf(values, name, reach, context)) {
        const both = guards.and(combination.guard, guard);
        if (both !== guards.never) next.push({ guard: both, chosen: new Map([...combination.chosen, [name, value]]) });
      }
    }
    if (next.length > maxCombinations) return [{ guard: reach, ids: [], chosen: new Map() }];
    combinations = next;
  }
  return combinations.map(({ guard, chosen }) => {
    if ([...chosen.values()].some((value) => value.kind === 'varying')) return { guard, ids: [], chosen };
    const ids = [...chosen.values()].flatMap((value) => (value.kind === 'open' && value.id !== '' ? [value.id] : []));
    const replaced = text.replace(reference, (_, name: string) => {
      const value = chosen.get(name.toLowerCase())!;
      return value.kind === 'varying' ? '' : value.text;
    });
    return { guard, text: replaced, ids, chosen };
  });
}

/**
 * The values after `&set name value` (`arithmetic`: `&set`, which evaluates integer arithmetic) or
 * `&set_string`, at the line given: each combination of the values it reads, evaluated; what still depends on the
 * site is open and named by the variable set.
 */
export function assign(
  name: string,
  value: string,
  arithmetic: boolean,
  line: number,
  values: Values,
  reach: Guard,
  context: ValueContext,
): Values {
  const key = name.toLowerCase();
  const results = expand(value, values, reach, context).map(({ guard, text }): GuardedValue => {
    if (text === undefined) return { value: { kind: 'varying' }, guard };
    let evaluated = evaluateCalc(text);
    const number = arithmetic ? integerValue(evaluated) : undefined;
    if (number !== undefined) evaluated = String(number);
    const open = hasReference.test(evaluated) || hasCall.test(evaluated);
    return {
      value: open ? { kind: 'open', text: `&${name}&`, id: `${key}@${line}` } : { kind: 'text', text: evaluated },
      guard,
    };
  });
  const next = new Map(values);
  next.set(key, grouped(results, context.guards));
  return next;
}

/** A constant operand's value, unquoted; undefined when it depends on something (a variable, a function). */
function constant(operand: string): string | undefined {
  const text = evaluateCalc(operand).trim();
  if (hasReference.test(text) || hasCall.test(text)) return undefined;
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/** A comparison of two constants, numerically when both are integers, else as strings [D]. */
function compare({ left, operator, right }: Comparison): boolean | undefined {
  const a = constant(left);
  const b = constant(right);
  if (a === undefined || b === undefined) return undefined;
  const numeric = /^[-+]?\d+$/.test(a) && /^[-+]?\d+$/.test(b);
  const order = numeric ? Math.sign(Number(a) - Number(b)) : a < b ? -1 : a > b ? 1 : 0;
  switch (operator) {
    case '=':
      return order === 0;
    case '^=':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** An atom that is a constant once its variables are known: a comparison of constants, or `true`/`false` [D]. */
export function constantAtom(atom: Atom): boolean | undefined {
  if (atom.comparison !== undefined) return compare(atom.comparison);
  const text = constant(atom.text)?.toLowerCase();
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
}

/** The condition of a text with its variables replaced: constants decided, atoms over open values told apart. */
function conditionOf(text: string, ids: readonly string[]): Condition {
  return substitute(parseCondition(text), (atom) => {
    const value = constantAtom(atom);
    if (value !== undefined) return value;
    if (ids.length > 0 && hasReference.test(atom.text)) atom.key = `${atom.key}\u0000${ids.join(',')}`;
    return undefined;
  });
}

/** The variables a text reads, by lower-cased name. */
export function variablesRead(text: string): string[] {
  if (!text.includes('&')) return [];
  return [...text.matchAll(reference)].map((match) => match[1]!.toLowerCase());
}

/** What the condition `text` tests where the variables have `values`, on the assignments `reach`. */
export function testOf(text: string, values: Values, reach: Guard, context: ValueContext): Test {
  const { guards } = context;
  let holds = guards.never;
  let fails = guards.never;
  const ifHolds: Array<[string, GuardedValue]> = [];
  const ifFails: Array<[string, GuardedValue]> = [];
  for (const expansion of expand(text, values, reach, context)) {
    let whenHolds = expansion.guard;
    let whenFails = expansion.guard;
    if (expansion.text !== undefined) {
      const tested = guards.of(conditionOf(expansion.text, expansion.ids));
      whenHolds = guards.and(expansion.guard, tested);
      whenFails = guards.and(expansion.guard, guards.not(tested));
    }
    holds = guards.or(holds, whenHolds);
    fails = guards.or(fails, whenFails);
    for (const [name, value] of expansion.chosen) {
      ifHolds.push([name, { value, guard: whenHolds }]);
      ifFails.push([name, { value, guard: whenFails }]);
    }
  }
  const narrowed = (found: Array<[string, GuardedValue]>) => {
    const next = new Map(values);
    for (const name of new Set(found.map(([name]) => name)))
      next.set(
        name,
        grouped(
          found.flatMap(([n, item]) => (n === name ? [item] : [])),
          guards,
        ),
      );
    return next;
  };
  return { holds, fails, valuesIfHolds: narrowed(ifHolds), valuesIfFails: narrowed(ifFails) };
}

/** The values where two ways meet: each way's values, on that way's assignments only. */
export function joinValues(
  a: { guard: Guard; values: Values },
  b: { guard: Guard; values: Values },
  context: ValueContext,
): Values {
  if (a.values.size === 0 && b.values.size === 0) return noValues;
  const { guards } = context;
  const joined = new Map<string, readonly GuardedValue[]>();
  const narrowed = (list: readonly GuardedValue[], reach: Guard) =>
    list.map((item) => ({ value: item.value, guard: guards.and(item.guard, reach) }));
  for (const name of new Set([...a.values.keys(), ...b.values.keys()])) {
    joined.set(
      name,
      grouped(
        [
          ...narrowed(valuesOf(a.values, name, a.guard, context), a.guard),
          ...narrowed(valuesOf(b.values, name, b.guard, context), b.guard),
        ],
        guards,
      ),
    );
  }
  return joined;
}

/** The values of the variables named only. */
export function onlyLive(values: Values, live: ReadonlySet<string>): Values {
  if (values.size === 0) return values;
  let kept: Map<string, readonly GuardedValue[]> | undefined;
  for (const name of values.keys()) {
    if (live.has(name)) continue;
    kept ??= new Map(values);
    kept.delete(name);
  }
  return kept ?? values;
}

export function sameValues(a: Values, b: Values): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, list] of a) {
    const other = b.get(name);
    if (other === undefined || other.length !== list.length) return false;
    const guardOf = new Map(other.map((item) => [valueKey(item.value), item.guard]));
    if (list.some((item) => guardOf.get(valueKey(item.value)) !== item.guard)) return false;
  }
  return true;
}
