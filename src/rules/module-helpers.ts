import type { AuditedFile, MacroFile } from '../files.ts';
import { commentOutStatement } from '../fix/macro-fixes.ts';
import type { Listener } from '../model/module.ts';
import type { Place } from '../model/place.ts';
import type { AuditedModule, Report } from './rule.ts';

/** Listeners that will or may run: live, or live under a condition. */
export function running(module: AuditedModule, daemon: string): Listener[] {
  return module.model.listeners.filter((l) => l.daemon === daemon && (l.state === 'live' || l.state === 'conditional'));
}

export function fileAt(module: AuditedModule, place: Place): AuditedFile | undefined {
  return module.files.find((file) => file.source.path === place.file);
}

/** Where a listener was decided last (its start line, or its listing row), as a report's file and span. */
export function reportedAt(module: AuditedModule, listener: Listener): Pick<Report, 'file' | 'span'> | undefined {
  const place = listener.evidence[listener.evidence.length - 1];
  const file = place && fileAt(module, place);
  if (place === undefined || file === undefined) return undefined;
  return { file, span: { start: place.position.start.offset, end: place.position.end.offset } };
}

/** `if (software_purchased S270)`: the condition part of a message, when there is one. */
export function whenText(listener: Listener): string {
  return listener.state === 'conditional' && listener.condition ? ` when ${listener.condition}` : '';
}

/** A suggestion to comment out the start line in a macro that the listener was decided by. */
export function commentOutStart(module: AuditedModule, listener: Listener): Pick<Report, 'suggestions'> {
  const place = listener.evidence[listener.evidence.length - 1];
  const file = place && fileAt(module, place);
  if (file?.kind !== 'macro') return {};
  const fix = commentOutStatement(file as MacroFile, place!.position);
  return fix ? { suggestions: [fix] } : {};
}

/** One report per start line: a daemon with several ports (nmbd's 137 and 138) is started once. */
export function byStartLine(listeners: Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((listener) => {
    const place = listener.evidence[listener.evidence.length - 1];
    const key = place ? `${place.file}:${place.position.start.offset}` : `${listener.daemon}:${listener.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
