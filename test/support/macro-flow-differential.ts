import fc from 'fast-check';
import { parseCondition } from '../../src/model/condition-parser.ts';
import { atomsOf, evaluate } from '../../src/model/conditions.ts';
import { startsOf } from './macro-flow.ts';

/**
 * The differential property of the macro model: random macros of start lines, `&if` (over random expressions of up
 * to four atoms and tests of a variable), `&else`, `&do … &end`, `&while`, `&goto`, `&return`, `&label` and `&set`s
 * of one variable, run by a deliberately simple interpreter for every assignment of the atoms, must reach each start
 * line on exactly the assignments the model says. The variable counts modulo 4, so that it has few values and the
 * model has no reason to stop following them; one variable, so that the values the model keeps per variable are all
 * there is to know.
 */

export type Expression =
  | { atom: number }
  | { equals: number }
  | { below: number }
  | { not: Expression }
  | { and: [Expression, Expression] }
  | { or: [Expression, Expression] };

export type Statement =
  | { start: number }
  | { if: Expression; then: Statement[]; else?: Statement[] }
  | { while: Expression; body: Statement[] }
  | { goto: number }
  | { return: true }
  | { label: number }
  | { set: number }
  | { step: true };

/** The values the variable counts through. */
const modulus = 4;

/** Two products and two other conditions; products stated or not. */
export const atomTexts = [
  '(software_purchased S1)',
  '(software_purchased S2)',
  '(exists -file a)',
  "(module_name) = 'm1'",
];

const expression: fc.Arbitrary<Expression> = fc.letrec<{ e: Expression }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.integer({ min: 0, max: atomTexts.length - 1 }).map((atom) => ({ atom })),
    fc.integer({ min: 0, max: modulus - 1 }).map((equals) => ({ equals })),
    fc.integer({ min: 0, max: modulus }).map((below) => ({ below })),
    tie('e').map((e) => ({ not: e })),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => ({ and: [x, y] as [Expression, Expression] })),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => ({ or: [x, y] as [Expression, Expression] })),
  ),
})).e;

const labels = 3;

const statements: fc.Arbitrary<Statement[]> = fc
  .letrec<{ list: Statement[]; statement: Statement }>((tie) => ({
    list: fc.array(tie('statement'), { minLength: 1, maxLength: 6 }),
    statement: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.constant({ start: 0 }),
      fc.integer({ min: 0, max: labels - 1 }).map((label) => ({ goto: label })),
      fc.constant({ return: true as const }),
      fc.integer({ min: 0, max: labels - 1 }).map((label) => ({ label })),
      fc.record({ if: expression, then: tie('list') }, { requiredKeys: ['if', 'then'] }),
      fc.record({ if: expression, then: tie('list'), else: tie('list') }),
      fc.record({ while: expression, body: tie('list') }),
      fc.integer({ min: 0, max: modulus - 1 }).map((set) => ({ set })),
      fc.constant({ step: true as const }),
    ),
  }))
  .list.map(numberStarts);

/** Gives each start line its own number, in order, so each is its own program. */
function numberStarts(list: Statement[]): Statement[] {
  let next = 0;
  const walk = (items: Statement[]): Statement[] =>
    items.map((item) => {
      if ('start' in item) return { start: next++ };
      if ('if' in item) return { if: item.if, then: walk(item.then), ...(item.else && { else: walk(item.else) }) };
      if ('while' in item) return { while: item.while, body: walk(item.body) };
      return item;
    });
  return walk(list);
}

function expressionText(e: Expression): string {
  if ('atom' in e) return atomTexts[e.atom]!;
  if ('equals' in e) return `&v& = ${e.equals}`;
  if ('below' in e) return `&v& < ${e.below}`;
  if ('not' in e) return `^ (${expressionText(e.not)})`;
  if ('and' in e) return `(${expressionText(e.and[0])}) & (${expressionText(e.and[1])})`;
  return `(${expressionText(e.or[0])}) | (${expressionText(e.or[1])})`;
}

/** A part after `&then` or `&else`: one statement on the line where it can be, else a `&do … &end` block. */
function partText(keyword: string, part: Statement[]): string[] {
  const [only] = part;
  if (part.length === 1 && 'start' in only!) return [`${keyword} start_process 'd${only.start}.pm'`];
  if (part.length === 1 && !('if' in only!) && !('while' in only!)) return [keyword, ...macroLines(part)];
  return [`${keyword} &do`, ...macroLines(part).map((line) => `   ${line}`), '&end'];
}

export function macroLines(list: Statement[]): string[] {
  return list.flatMap((item) => {
    if ('start' in item) return [`start_process 'd${item.start}.pm'`];
    if ('goto' in item) return [`&goto l${item.goto}`];
    if ('return' in item) return ['&return'];
    if ('label' in item) return [`&label l${item.label}`];
    if ('set' in item) return [`&set v ${item.set}`];
    if ('step' in item) return [`&set v (calc (&v& + 1) mod ${modulus})`];
    if ('while' in item)
      return [
        `&while ${expressionText(item.while)}`,
        '&do',
        ...macroLines(item.body).map((line) => `   ${line}`),
        '&end',
      ];
    return [
      `&if ${expressionText(item.if)}`,
      ...partText('&then', item.then),
      ...(item.else ? partText('&else', item.else) : []),
    ];
  });
}

type Instruction =
  | { start: number }
  | { unless: Expression; to: number }
  | { jump: number | string }
  | { return: true }
  | { label: number }
  | { set: number }
  | { step: true };

/** The macro as a flat list of instructions with jumps: the interpreter's own reading, independent of the model's. */
function compile(list: Statement[], into: Instruction[] = []): Instruction[] {
  for (const item of list) {
    if ('if' in item) {
      const test = { unless: item.if, to: -1 };
      into.push(test);
      compile(item.then, into);
      const skipElse = { jump: -1 as number | string };
      if (item.else) into.push(skipElse);
      test.to = into.length;
      if (item.else) {
        compile(item.else, into);
        skipElse.jump = into.length;
      }
    } else if ('while' in item) {
      const top = into.length;
      const test = { unless: item.while, to: -1 };
      into.push(test);
      compile(item.body, into);
      into.push({ jump: top });
      test.to = into.length;
    } else if ('goto' in item) into.push({ jump: `l${item.goto}` });
    else into.push(item);
  }
  return into;
}

function truth(e: Expression, row: number, v: number): boolean {
  if ('atom' in e) return ((row >>> e.atom) & 1) === 1;
  if ('equals' in e) return v === e.equals;
  if ('below' in e) return v < e.below;
  if ('not' in e) return !truth(e.not, row, v);
  if ('and' in e) return truth(e.and[0], row, v) && truth(e.and[1], row, v);
  return truth(e.or[0], row, v) || truth(e.or[1], row, v);
}

/**
 * Runs the macro under one assignment (row bit k: atom k holds) and returns the start lines it reaches. The atoms
 * stay as they are during a run, so the state is the instruction counter and the variable: a run longer than the
 * number of such states is a loop that never ends, and has reached all it will.
 */
function run(program: Instruction[], row: number): Set<number> {
  const reached = new Set<number>();
  const labelAt = (name: string) => program.findIndex((i) => 'label' in i && `l${i.label}` === name);
  let at = 0;
  let v = 0;
  for (let steps = 0; at < program.length && steps <= program.length * modulus; steps++) {
    const instruction = program[at]!;
    if ('start' in instruction) reached.add(instruction.start);
    if ('set' in instruction) v = instruction.set;
    if ('step' in instruction) v = (v + 1) % modulus;
    if ('return' in instruction) break;
    if ('unless' in instruction) at = truth(instruction.unless, row, v) ? at + 1 : instruction.to;
    else if ('jump' in instruction) {
      const to = typeof instruction.jump === 'number' ? instruction.jump : labelAt(instruction.jump);
      if (to === -1) break;
      at = to;
    } else at++;
  }
  return reached;
}

function countStarts(list: Statement[]): number {
  return list.reduce(
    (n, item) =>
      n +
      ('start' in item
        ? 1
        : 'if' in item
          ? countStarts(item.then) + countStarts(item.else ?? [])
          : 'while' in item
            ? countStarts(item.body)
            : 0),
    0,
  );
}

/** The property: for every start line, the model's state and condition agree with the runs. */
export const modelAgreesWithInterpreter = fc.property(
  statements,
  fc.option(fc.subarray(['S1', 'S2']), { nil: undefined }),
  (list, products) => {
    // The variable starts at 0, as in the interpreter: unset, it would be the site's.
    const text = `&set v 0\n${macroLines(list).join('\n')}\n`;
    const { starts } = startsOf({ 'module_start_up.cm': text }, products);
    const program = compile(list);
    const rows = 2 ** atomTexts.length;
    const reachedBy = Array.from({ length: rows }, (_, row) => run(program, row));
    const keyOf = atomTexts.map((atom) => [...atomsOf(parseCondition(atom)).keys()][0]!);
    /** Rows that agree with the products stated (atoms 0 and 1 are S1 and S2). */
    const agrees = (row: number) =>
      products === undefined ||
      [0, 1].every((atom) => ((row >>> atom) & 1) === (products.includes(`S${atom + 1}`) ? 1 : 0));
    for (let id = 0; id < countStarts(list); id++) {
      const start = starts.get(`d${id}.pm`);
      if (start === undefined) throw new Error(`no start for d${id}.pm in\n${text}`);
      const anyRow = reachedBy.some((reached) => reached.has(id));
      const wanted = Array.from({ length: rows }, (_, row) => row).filter(agrees);
      const reaching = wanted.filter((row) => reachedBy[row]!.has(id));
      const fail = (why: string) =>
        new Error(
          `d${id}.pm: ${why}; model says ${JSON.stringify({ state: start.state, condition: start.condition, note: start.note })}\n${text}`,
        );
      if (start.note?.startsWith('undecided')) throw fail('undecided with four atoms');
      if (!anyRow && start.state !== 'dead') throw fail('no run reaches it, so it is dead');
      if (anyRow && reaching.length === 0 && start.state !== 'off')
        throw fail('only runs with other products reach it, so it is off');
      if (reaching.length === wanted.length && start.state !== 'live') throw fail('every run reaches it');
      if (reaching.length > 0 && reaching.length < wanted.length) {
        if (start.state !== 'conditional' || start.when === undefined) throw fail('some runs reach it');
        for (const row of wanted) {
          const holds = evaluate(start.when, (atom) => ((row >>> keyOf.indexOf(atom.key)) & 1) === 1);
          if (holds !== reachedBy[row]!.has(id)) throw fail(`its condition is ${holds} for row ${row}`);
        }
      }
    }
  },
);
