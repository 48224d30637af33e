/**
 * Conditions as an algebra: what an `&if` or `&while` tests, as a tree of not, and, or over atoms, the terms that
 * vos-audit cannot look inside (`(software_purchased S270)`, `(exists -file x)`, `(module_name) = 'm1'`).
 */
export type Condition =
  | { kind: 'constant'; value: boolean }
  | Atom
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; operands: Condition[] };

export interface Atom {
  kind: 'atom';
  /** As written, blanks collapsed: what a condition prints. */
  text: string;
  /** Identifies the atom: the text with names lower-cased and quoted strings kept as written. */
  key: string;
  /** The product a `(software_purchased S270)` term asks about, upper-cased. */
  product?: string;
  /** A comparison (`a = b`), which needs parentheses under a `not`: its operands as written. */
  comparison?: Comparison;
}

export interface Comparison {
  left: string;
  operator: string;
  right: string;
}

export const always: Condition = { kind: 'constant', value: true };
export const never: Condition = { kind: 'constant', value: false };

export function not(operand: Condition): Condition {
  if (operand.kind === 'constant') return operand.value ? never : always;
  if (operand.kind === 'not') return operand.operand;
  return { kind: 'not', operand };
}

function join(kind: 'and' | 'or', operands: Condition[]): Condition {
  const absorbing = kind === 'or';
  const flat: Condition[] = [];
  for (const operand of operands) {
    if (operand.kind === 'constant') {
      if (operand.value === absorbing) return operand;
      continue;
    }
    if (operand.kind === kind) flat.push(...operand.operands);
    else flat.push(operand);
  }
  if (flat.length === 0) return absorbing ? never : always;
  return flat.length === 1 ? flat[0]! : { kind, operands: flat };
}

export function and(...operands: Condition[]): Condition {
  return join('and', operands);
}

export function or(...operands: Condition[]): Condition {
  return join('or', operands);
}

/** Replaces each atom by what `value` says of it (true, false, or undefined to keep it), simplifying as it goes. */
export function substitute(condition: Condition, value: (atom: Atom) => boolean | undefined): Condition {
  switch (condition.kind) {
    case 'constant':
      return condition;
    case 'atom': {
      const decided = value(condition);
      return decided === undefined ? condition : { kind: 'constant', value: decided };
    }
    case 'not':
      return not(substitute(condition.operand, value));
    default:
      return join(
        condition.kind,
        condition.operands.map((operand) => substitute(operand, value)),
      );
  }
}

/** Decides every `software_purchased` term when the products are known: a product not listed is not purchased. */
export function decideProducts(condition: Condition, products: ReadonlySet<string> | undefined): Condition {
  if (products === undefined) return condition;
  return substitute(condition, (atom) => (atom.product === undefined ? undefined : products.has(atom.product)));
}

/** The truth of a condition under an assignment of its atoms, by key. */
export function evaluate(condition: Condition, assignment: (atom: Atom) => boolean): boolean {
  switch (condition.kind) {
    case 'constant':
      return condition.value;
    case 'atom':
      return assignment(condition);
    case 'not':
      return !evaluate(condition.operand, assignment);
    case 'and':
      return condition.operands.every((operand) => evaluate(operand, assignment));
    case 'or':
      return condition.operands.some((operand) => evaluate(operand, assignment));
  }
}

/** Each atom once, by key, in the order first met. */
export function atomsOf(condition: Condition, into = new Map<string, Atom>()): Map<string, Atom> {
  const pending = [condition];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.kind === 'atom') {
      if (!into.has(next.key)) into.set(next.key, next);
    } else if (next.kind === 'not') pending.push(next.operand);
    else if (next.kind !== 'constant')
      for (let i = next.operands.length - 1; i >= 0; i--) pending.push(next.operands[i]!);
  }
  return into;
}

const binding: Record<Condition['kind'], number> = { or: 1, and: 2, not: 3, atom: 4, constant: 4 };

/**
 * A condition in words: "not (software_purchased S270)", "(exists -file x) and not (software_purchased S269)",
 * "a or b and c"; parentheses only where "and" binds tighter than "or" would misread it, or around a negated
 * comparison.
 */
export function printCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'constant':
      return condition.value ? 'always' : 'never';
    case 'atom':
      return condition.text;
    case 'not': {
      const operand = condition.operand;
      const inner = printCondition(operand);
      return operand.kind === 'atom' ? `not ${operand.comparison ? `(${inner})` : inner}` : `not (${inner})`;
    }
    default: {
      const parts = condition.operands.map((operand) => {
        const text = printCondition(operand);
        return binding[operand.kind] <= binding[condition.kind] ? `(${text})` : text;
      });
      return parts.join(` ${condition.kind} `);
    }
  }
}
