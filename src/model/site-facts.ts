import { parseCondition } from './condition-parser.ts';
import { substitute, type Atom } from './conditions.ts';
import { closest } from '../util/nearest.ts';
import { constantAtom, variablesRead } from './macro-values.ts';

/**
 * What a site states about its macros' conditions (`"facts"` in .vos-audit.json, `--fact`): a condition's truth,
 * `"exists -file (master_disk)>opt>samba>bin>start_samba.cm": true`, or a variable's value, `"max_servs": 4`.
 */
export interface StatedFact {
  /** As the site wrote it. */
  text: string;
  value: boolean | string;
  /** Where it was stated: `--fact`, or the configuration file. */
  from: string;
  /** For a fact of a configuration file, the file, line and column of its key. */
  at?: string;
}

export interface SiteFacts {
  /** Conditions' truths, by the key of the atom each decides. */
  conditions: ReadonlyMap<string, StatedFact>;
  /** Variables' values, by lower-cased name. */
  variables: ReadonlyMap<string, StatedFact>;
}

const bareName = /^&?\$?([A-Za-z_][\w$.]*)&?$/;

/** The atom a condition's text names: `exists -file x` is the call `(exists -file x)`; undefined when not one atom. */
function atomNamed(text: string): Atom | undefined {
  const trimmed = text.trim();
  for (const candidate of /^[A-Za-z_]/.test(trimmed) ? [`(${trimmed})`, trimmed] : [trimmed]) {
    const condition = parseCondition(candidate);
    if (condition.kind === 'atom') return condition;
  }
  return undefined;
}

/**
 * Reads one fact: a bare name is a variable, with any JSON scalar for its value; anything else is a condition,
 * which is true or false. Returns what was expected when the fact is not one of those.
 */
export function readFact(
  text: string,
  value: unknown,
  from: string,
  at?: string,
): { kind: 'condition' | 'variable'; key: string; fact: StatedFact } | { expected: string } {
  const name = bareName.exec(text.trim())?.[1];
  if (name !== undefined) {
    if (typeof value !== 'boolean' && typeof value !== 'string' && !Number.isSafeInteger(value))
      return { expected: `the value of the variable ${name}: a string, a whole number, true or false` };
    return {
      kind: 'variable',
      key: name.toLowerCase(),
      fact: { text: name, value: String(value), from, ...(at !== undefined && { at }) },
    };
  }
  const atom = atomNamed(text);
  if (atom === undefined) return { expected: 'one condition, such as "exists -file x" or "(module_name) = \'m1\'"' };
  if (typeof value !== 'boolean') return { expected: 'true or false: whether the condition holds' };
  return {
    kind: 'condition',
    key: atom.key,
    fact: { text: text.trim(), value, from, ...(at !== undefined && { at }) },
  };
}

/** Facts from two places, those of `over` winning. */
export function mergeFacts(under: SiteFacts | undefined, over: SiteFacts | undefined): SiteFacts | undefined {
  if (under === undefined || over === undefined) return over ?? under;
  return {
    conditions: new Map([...under.conditions, ...over.conditions]),
    variables: new Map([...under.variables, ...over.variables]),
  };
}

/**
 * What the facts say of an atom, and which facts say it: a condition stated, or a comparison or test over variables
 * whose values are stated. Atoms over values a macro sets (`&set s (command_status)`) are the site's at run time:
 * no fact decides them.
 */
export function factOf(atom: Atom, facts: SiteFacts): { value: boolean; by: StatedFact[] } | undefined {
  const stated = facts.conditions.get(atom.key);
  if (stated !== undefined) return { value: stated.value === true, by: [stated] };
  if (atom.key.includes('\u0000')) return undefined;
  const names = variablesRead(atom.text);
  if (names.length === 0 || names.some((name) => !facts.variables.has(name))) return undefined;
  const by = [...new Set(names)].map((name) => facts.variables.get(name)!);
  const text = atom.text.replace(/&\$?([A-Za-z_][\w$.]*)&/g, (_, name: string) =>
    String(facts.variables.get(name.toLowerCase())!.value),
  );
  const decided = substitute(parseCondition(text), (inner) => {
    const constant = constantAtom(inner);
    if (constant !== undefined) return constant;
    const condition = facts.conditions.get(inner.key);
    if (condition !== undefined) by.push(condition);
    return condition === undefined ? undefined : condition.value === true;
  });
  return decided.kind === 'constant' ? { value: decided.value, by } : undefined;
}

/** The fact that would decide an atom, ready to paste into "facts": `"exists -file x": true`. */
export function factToState(atom: Atom): string {
  const text = atom.comparison === undefined && /^\(.*\)$/s.test(atom.text) ? atom.text.slice(1, -1) : atom.text;
  return `${JSON.stringify(text)}: true`;
}

/** Whether an atom could be decided by a fact: not a product (`--products` decides those), not a value a macro sets. */
export function decidableByFact(atom: Atom): boolean {
  return atom.product === undefined && !atom.key.includes('\u0000');
}

/** Where a fact was stated: `--fact`, or the file, line and column of its key. */
function stated(fact: StatedFact): string {
  return fact.at ?? fact.from;
}

/**
 * A line for each fact stated that matches nothing in these atoms (the conditions of a module's macros): a
 * condition none of them is, or a variable none of them reads, naming the nearest condition.
 */
export function unmatchedFacts(facts: SiteFacts | undefined, atoms: readonly Atom[]): string[] {
  if (facts === undefined) return [];
  const decidable = atoms.filter(decidableByFact);
  const keys = new Set(decidable.map((atom) => atom.key));
  const read = new Set(decidable.flatMap((atom) => variablesRead(atom.text)));
  const texts = decidable.map((atom) => factToState(atom).replace(/: true$/, ''));
  const nearest = (text: string) => {
    const near = closest(JSON.stringify(text), texts);
    return near === undefined ? "the module's macros test no condition a fact decides" : `the nearest is ${near}`;
  };
  return [
    ...[...facts.conditions].flatMap(([key, fact]) =>
      keys.has(key)
        ? []
        : [
            `the fact "${fact.text}" (${stated(fact)}) matches no condition of the module's macros; ${nearest(fact.text)}`,
          ],
    ),
    ...[...facts.variables].flatMap(([name, fact]) =>
      read.has(name)
        ? []
        : [
            `the fact "${fact.text}" (${stated(fact)}) names a variable no condition of the module's macros reads; ${nearest(fact.text)}`,
          ],
    ),
  ];
}
