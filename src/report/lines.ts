import type { FileResult } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import type { Severity } from '../model/settings.ts';
import { printable } from './printable.ts';

const gccSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const githubCommand: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function each(results: readonly FileResult[], line: (message: Message) => string): string {
  return results.flatMap((result) => result.messages.map(line)).map((text) => `${text}\n`).join('');
}

/** `file:line:col: severity: message [rule-id]`, the form editors and CI logs link to the source. */
export function formatGcc(results: readonly FileResult[]): string {
  return each(results, (m) => `${printable(m.file)}:${m.place.start.line}:${m.place.start.column}: ${gccSeverity[m.severity]}: ${printable(m.reason)} [${m.ruleId}]`);
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

/** `::error file=…,line=…::message`: annotations on the pull request, from a workflow step. */
export function formatGithub(results: readonly FileResult[]): string {
  return each(results, (m) => {
    const properties = [
      `file=${escapeProperty(m.file)}`,
      `line=${m.place.start.line}`,
      `col=${m.place.start.column}`,
      `endLine=${m.place.end.line}`,
      `endColumn=${m.place.end.column}`,
      `title=${escapeProperty(m.ruleId)}`,
    ];
    return `::${githubCommand[m.severity]} ${properties.join(',')}::${escapeData(m.reason)}`;
  });
}
