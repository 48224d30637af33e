import { printable } from '../report/printable.ts';
import { plural } from '../report/text.ts';

/** What the user should know that is not a problem (a rule left out and why): of one module when `module` is set. */
export interface Remark {
  module?: string;
  text: string;
}

/** The lines of stderr a run prints by default, whatever its number of modules: one screen. */
export const stderrLineBudget = 25;

interface RemarkGroup {
  /** The text, with paths inside the module made relative to it, so that modules saying the same thing share it. */
  text: string;
  remarks: Remark[];
}

/** Remarks that say the same of different modules, most common first; ties in the order of the run. */
function groupRemarks(remarks: readonly Remark[]): RemarkGroup[] {
  const groups = new Map<string, RemarkGroup>();
  for (const remark of remarks) {
    const text = remark.module === undefined ? remark.text : remark.text.replaceAll(`${remark.module}/`, '');
    const key = `${remark.module === undefined ? 'run' : 'module'}\0${text}`;
    const group = groups.get(key) ?? { text, remarks: [] };
    group.remarks.push(remark);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.remarks.length - a.remarks.length);
}

function remarkLine(remark: Remark): string {
  return remark.module === undefined ? remark.text : `${remark.module}: ${remark.text}`;
}

/** Up to this many modules sharing a note are named; more are counted. */
const namedModules = 3;

function groupLine(group: RemarkGroup): string {
  if (group.remarks.length === 1) return remarkLine(group.remarks[0]!);
  const modules =
    group.remarks.length <= namedModules
      ? group.remarks.map((remark) => remark.module).join(', ')
      : plural(group.remarks.length, 'module');
  return `${modules}: ${group.text}`;
}

/** `1 error (above); 48 notes on 4 modules, grouped where modules share one, 6 not shown: --verbose lists every note` */
function summaryLine(problems: number, remarks: readonly Remark[], hidden: number): string {
  const modules = new Set(remarks.flatMap((remark) => (remark.module === undefined ? [] : [remark.module]))).size;
  const errors = problems > 0 ? `${plural(problems, 'error')} (above); ` : '';
  const notes = `${plural(remarks.length, 'note')}${modules > 0 ? ` on ${plural(modules, 'module')}` : ''}`;
  const left = hidden > 0 ? `, ${hidden} not shown` : '';
  return `${errors}${notes}, grouped where modules share one${left}: --verbose lists every note`;
}

/**
 * What stderr says, one line each: the problems first, all of them, then the remarks. With `verbose`, every remark as
 * it is; else remarks that several modules share on one line, and within the budget, then a summary line that counts
 * the problems and the remarks and says how to see every one.
 */
export function stderrLines(problems: readonly string[], remarks: readonly Remark[], verbose: boolean): string[] {
  const errors = problems.map(printable);
  if (verbose) return [...errors, ...remarks.map(remarkLine).map(printable)];
  const groups = groupRemarks(remarks);
  if (groups.length === remarks.length && errors.length + remarks.length <= stderrLineBudget)
    return [...errors, ...remarks.map(remarkLine).map(printable)];
  const shown = groups.slice(0, Math.max(stderrLineBudget - errors.length - 1, 1));
  const hidden = groups.slice(shown.length).reduce((n, group) => n + group.remarks.length, 0);
  return [...errors, ...shown.map(groupLine).map(printable), summaryLine(errors.length, remarks, hidden)];
}
