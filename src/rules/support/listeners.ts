import { rsnPort } from '../../catalog/server-ports.ts';
import type { AuditedFile } from '../../model/files.ts';
import { commentOutStatement } from '../../fix/macro-fixes.ts';
import type { Listener, ModuleModel } from '../../model/listener.ts';
import type { Place } from '../../model/place.ts';
import type { AuditedModule, FiledReport, Report } from '../rule.ts';

const runningByModel = new WeakMap<ModuleModel, Map<string, Listener[]>>();

/**
 * Listeners that will or may run: live, or live under a condition. Indexed by daemon once per model, since several
 * rules ask and a large inetd.conf makes a listener of every line.
 */
export function running(module: AuditedModule, daemon: string): Listener[] {
  let byDaemon = runningByModel.get(module.model);
  if (byDaemon === undefined) {
    byDaemon = new Map();
    for (const listener of module.model.listeners) {
      if (listener.state !== 'live' && listener.state !== 'conditional') continue;
      const listeners = byDaemon.get(listener.daemon);
      if (listeners === undefined) byDaemon.set(listener.daemon, [listener]);
      else listeners.push(listener);
    }
    runningByModel.set(module.model, byDaemon);
  }
  return byDaemon.get(daemon) ?? [];
}

function fileAt(module: AuditedModule, place: Place): AuditedFile | undefined {
  return module.files.find((file) => file.source.path === place.file);
}

/** The place that decided a listener (its start line, inetd.conf line or listing row), with the file it is in. */
function decidedAt(module: AuditedModule, listener: Listener): { place: Place; file: AuditedFile } | undefined {
  const place = listener.decidedAt;
  const file = place && fileAt(module, place);
  return place && file ? { place, file } : undefined;
}

/** telnetd's login listeners: every port but the RSN's. */
export function telnetLogins(module: AuditedModule): Listener[] {
  return running(module, 'telnetd').filter((listener) => listener.port !== rsnPort);
}

/** A listener's port as a finding names it: `tcp/24`. */
export function portOf(listener: Pick<Listener, 'protocol' | 'port'>): string {
  return `${listener.protocol}/${listener.port}`;
}

/** Where a listener was decided, as a report's file and span. */
export function reportedAt(
  module: AuditedModule,
  listener: Listener,
): Pick<FiledReport, 'file' | 'span' | 'ports'> | undefined {
  const at = decidedAt(module, listener);
  return (
    at && {
      file: at.file,
      span: { start: at.place.position.start.offset, end: at.place.position.end.offset },
      ports: [portOf(listener)],
    }
  );
}

/** `if (software_purchased S270)`: the condition part of a message, when there is one. */
export function whenText(listener: Listener): string {
  return listener.state === 'conditional' && listener.condition ? ` when ${listener.condition}` : '';
}

/** A suggestion to comment out the start line in a macro that the listener was decided by. */
export function commentOutStart(module: AuditedModule, listener: Listener): Pick<Report, 'suggestions'> {
  const at = decidedAt(module, listener);
  if (at?.file.kind !== 'macro') return {};
  const fix = commentOutStatement(at.file, at.place.position);
  return fix ? { suggestions: [fix] } : {};
}

/**
 * The listeners grouped by the start line that decided them, in order: one report per start line, since a daemon
 * with several ports (nmbd's 137 and 138, or a port from a variable of several values) is started once.
 */
export function byStartLine(listeners: Listener[]): Listener[][] {
  const groups = new Map<string, Listener[]>();
  for (const listener of listeners) {
    const place = listener.decidedAt;
    const key = place ? `${place.file}:${place.position.start.offset}` : `${listener.daemon}:${listener.port}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [listener]);
    else group.push(listener);
  }
  return [...groups.values()];
}

/** Where to report what the start-up macros never do: module_start_up.cm, else the first macro given. */
export function startUpMacro(module: AuditedModule): AuditedFile | undefined {
  const macros = module.files.filter((file) => file.kind === 'macro');
  return macros.find((m) => /(^|\/)module_start_up\.cm$/i.test(m.source.path)) ?? macros[0];
}
