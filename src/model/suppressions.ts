import { languageOf } from '../languages/registry.ts';
import type { AuditedFile } from './files.ts';
import type { Span } from '../syntax/position.ts';

/** `# vos-audit-disable-next-line <rule-id>… -- <reason>` or a file-wide `vos-audit-disable`, in a file's own comments. */
export interface Suppression {
  file: AuditedFile;
  span: Span;
  /** The line it covers (0 when no line follows it); undefined for a file-wide one. */
  line?: number;
  ruleIds: string[];
  reason?: string;
  used: Set<string>;
}

const directive = /^([ \t]*)([#&])[ \t]*vos-audit-disable(-next-line)?(?=[ \t]|$)(.*)$/;

/** A line that a suppression skips to find "the next line": blank, or a comment in the file's own syntax. */
function skipped(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || (marker === '#' ? trimmed.startsWith('#') : /^&(?:[ \t]|$)/.test(trimmed));
}

/** The index of the first line after `i` that a suppression covers, or -1. */
function nextLineIndex(lines: readonly string[], i: number, marker: string): number {
  for (let j = i + 1; j < lines.length; j++) if (!skipped(lines[j]!, marker)) return j;
  return -1;
}

export function findSuppressions(file: AuditedFile): Suppression[] {
  if (!file.source.text.includes('vos-audit-disable')) return [];
  const marker = languageOf(file.kind).commentMarker;
  const lines = file.source.text.split(/\r\n|\r|\n/);
  const found: Suppression[] = [];
  lines.forEach((text, i) => {
    const match = directive.exec(text);
    if (match === null || match[2] !== marker) return;
    const [ids = '', ...rest] = match[4]!.split(/[ \t]--(?:[ \t]|$)/);
    const reason = rest.join(' -- ').trim();
    const next = match[3] ? nextLineIndex(lines, i, marker) : -1;
    const start = file.lines.lineStart(i + 1);
    found.push({
      file,
      span: { start: start + match[1]!.length, end: start + text.length },
      ...(match[3] && { line: next + 1 }),
      ruleIds: ids.split(/[\s,]+/).filter(Boolean),
      ...(reason !== '' && { reason }),
      used: new Set(),
    });
  });
  return found;
}
