import type { MacroCondition, MacroStatement } from './macro-tree.ts';
import type { ParseError } from './parse-error.ts';

interface Frame {
  conditions: MacroCondition[];
  /** The last `&if … &then` of this block, which an `&else` continues. */
  lastIf?: { condition: MacroCondition; base: MacroCondition[] };
  openedBy?: MacroStatement;
}

function line(statement: MacroStatement): number {
  return statement.position.start.line;
}

function conditionText(statement: MacroStatement): string {
  return statement.words.map((word) => word.text).join(' ');
}

/**
 * Works out how `&if`, `&then`, `&else`, `&do` and `&end` nest over a macro's statements, in one pass: each
 * statement gets the conditions it runs under, and `dead` when it follows an unconditional `&return` or `&goto`: up
 * to the next `&label`, which some jump may reach. Returns what does not nest, as errors.
 */
export function structureMacro(statements: MacroStatement[]): ParseError[] {
  const errors: ParseError[] = [];
  const error = (statement: MacroStatement, message: string, expected: string) =>
    errors.push({ message, start: statement.position.start.offset, end: statement.position.end.offset, expected, position: statement.position });
  const frames: Frame[] = [{ conditions: [] }];
  let pendingIf: { statement: MacroStatement; condition: MacroCondition; base: MacroCondition[] } | undefined;
  let next: MacroCondition[] | undefined;
  let dead: string | undefined;

  for (const statement of statements) {
    const frame = frames[frames.length - 1]!;
    const base = next ?? frame.conditions;
    next = undefined;
    statement.conditions = base;
    if (statement.directive === 'label') dead = undefined;
    if (dead !== undefined) statement.dead = dead;
    if (pendingIf !== undefined && statement.directive !== 'then') {
      error(pendingIf.statement, `Unexpected end of the &if on line ${line(pendingIf.statement)}, expected &then`, '&then');
      pendingIf = undefined;
    }

    switch (statement.directive) {
      case 'if':
        pendingIf = { statement, condition: { text: conditionText(statement), negated: false, line: line(statement) }, base };
        break;
      case 'then':
        if (pendingIf === undefined) {
          error(statement, 'Unexpected &then, expected it after an &if', '&if');
          break;
        }
        frame.lastIf = { condition: pendingIf.condition, base: pendingIf.base };
        statement.conditions = [...pendingIf.base, pendingIf.condition];
        pendingIf = undefined;
        if (statement.words.length === 0) next = statement.conditions;
        break;
      case 'else':
        if (frame.lastIf === undefined) {
          error(statement, 'Unexpected &else, expected it after an &if … &then', '&then');
          break;
        }
        statement.conditions = [...frame.lastIf.base, { ...frame.lastIf.condition, negated: true }];
        frame.lastIf = undefined;
        if (statement.words.length === 0) next = statement.conditions;
        break;
      case 'do':
        frames.push({ conditions: base, openedBy: statement });
        break;
      case 'end':
        if (frames.length === 1) error(statement, 'Unexpected &end, expected a &do before it', '&do');
        else frames.pop();
        break;
      case 'return':
        if (base.length === 0 && dead === undefined) dead = `after the &return on line ${line(statement)}`;
        break;
      case 'goto':
        if (base.length === 0 && dead === undefined) dead = `after the &goto on line ${line(statement)}`;
        break;
    }
  }
  if (pendingIf !== undefined) error(pendingIf.statement, `Unexpected end of file after the &if on line ${line(pendingIf.statement)}, expected &then`, '&then');
  for (const frame of frames.slice(1).reverse()) {
    error(frame.openedBy!, `Unexpected end of file, expected an &end for the &do on line ${line(frame.openedBy!)}`, '&end');
  }
  return errors;
}
