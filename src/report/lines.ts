import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import type { Severity } from '../model/settings.ts';
import type { Position } from '../syntax/position.ts';
import type { BaselineView } from './baseline-view.ts';
import { printable } from './printable.ts';

const gccSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const githubCommand: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function each(results: readonly ReportedFile[], line: (message: Message) => string): string {
  return results
    .flatMap((result) => result.messages.map(line))
    .map((text) => `${text}\n`)
    .join('');
}

/**
 * The rule id, and with a baseline, of a finding that was there before, as it was then:
 * `inetd-ftp, warning there before HEAD`.
 */
function ruleLabel(m: Message, baseline: BaselineView | undefined): string {
  const before = baseline?.before.get(m);
  return before ? `${m.ruleId}, ${before.severity} there before ${baseline!.revision}` : m.ruleId;
}

/**
 * `file:line:col: severity: message [rule-id]`, the form editors and CI logs link to the source; related places as
 * gcc's `note:` lines. With a baseline, only new findings keep their severity, as only they count for the exit
 * status: those there before are notes that say so.
 */
export function formatGcc(results: readonly ReportedFile[], baseline?: BaselineView): string {
  const at = (file: string, place: Position) => `${printable(file)}:${place.start.line}:${place.start.column}`;
  return each(results, (m) => {
    const severity = baseline?.before.has(m) ? 'note' : gccSeverity[m.severity];
    return [
      `${at(m.file, m.place)}: ${severity}: ${printable(m.reason)} [${ruleLabel(m, baseline)}]`,
      ...(m.related ?? []).map((r) => `${at(r.file, r.place)}: note: ${printable(r.reason)}`),
    ].join('\n');
  });
}

/**
 * GitHub Actions workflow commands escape `%`, CR and LF in data, and `:` and `,` in properties too; the log and the
 * annotation are read by people, so the text is made printable first (which leaves no CR or LF).
 */
function escapeData(text: string): string {
  return printable(text).replace(/%/g, '%25');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=…,line=…::message`: annotations on the pull request, from a workflow step; related places on lines
 * below the message. With a baseline, findings there before are notices whose title says so.
 */
export function formatGithub(results: readonly ReportedFile[], baseline?: BaselineView): string {
  return each(results, (m) => {
    const properties = [
      `file=${escapeProperty(m.file)}`,
      `line=${m.place.start.line}`,
      `col=${m.place.start.column}`,
      `endLine=${m.place.end.line}`,
      `endColumn=${m.place.end.column}`,
      `title=${escapeProperty(ruleLabel(m, baseline))}`,
    ];
    const related = (m.related ?? []).map((r) => `\n${r.file}:${r.place.start.line}: ${r.reason}`).join('');
    const command = baseline?.before.has(m) ? 'notice' : githubCommand[m.severity];
    return `::${command} ${properties.join(',')}::${escapeData(`${m.reason}${related}`)}`;
  });
}
