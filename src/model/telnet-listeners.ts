import { rsnPort } from '../catalog/server-ports.ts';
import type { DecidedStart } from './decide.ts';
import type { TelnetAdminFile } from './files.ts';
import type { Listener, Undecided } from './listener.ts';
import { Place } from './place.ts';
import { applyRelease, catalogEntry, noteRelease } from './port-catalog.ts';
import type { Settings } from './settings.ts';

function telnetListener(
  port: number,
  service: string | undefined,
  start: DecidedStart,
  note: string,
  evidence: Place[],
): Listener {
  const entry = catalogEntry({ daemon: 'telnetd' }, port);
  return {
    port,
    protocol: 'tcp',
    service: service ?? entry?.service ?? 'telnet',
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    ...start,
    note: [start.note, note].filter(Boolean).join('; '),
    evidence,
    product: entry?.product ?? 'STCP',
    ...(entry?.advice && { advice: entry.advice }),
  };
}

/**
 * telnetd's listeners: the listing's rows when one was given, live whatever the release (the listing is what the
 * module does); else port 23 and the RSN's port 85 in the releases that have it. A listing that does not parse is
 * not "no listing": what cannot be read of it is undecided.
 */
export function telnetListeners(
  listings: TelnetAdminFile[],
  start: DecidedStart,
  settings: Settings,
  unresolved: Undecided[],
): Listener[] {
  const rows = listings.flatMap((file) => file.tree.children.map((row) => ({ file, row })));
  if (rows.length > 0) {
    return rows.map(({ file, row }) => {
      const port = Number(row.port.value);
      const listener = telnetListener(port, row.service.value, start, `${row.service.value} listener of telnet_admin`, [
        ...start.evidence,
        new Place(file.source.path, row),
      ]);
      const entry = catalogEntry({ daemon: 'telnetd' }, port);
      if (entry !== undefined) noteRelease(listener, `telnetd on ${port}`, entry, settings.release);
      return listener;
    });
  }
  const unreadable = listings.filter((file) => file.tree.errors.length > 0);
  for (const file of unreadable) {
    unresolved.push({
      reason: "the telnet_admin listing has no row vos-audit can read: telnetd's ports are assumed, not known",
      place: new Place(file.source.path, file.tree),
    });
  }
  const assumption =
    unreadable.length > 0
      ? 'assumed: the telnet_admin listing given cannot be read'
      : 'assumed: no telnet_admin listing given';
  return [23, rsnPort].map((port) => {
    const listener = telnetListener(port, undefined, start, assumption, start.evidence);
    const entry = catalogEntry({ daemon: 'telnetd' }, port);
    if (entry !== undefined) applyRelease(listener, `telnetd on ${port}`, entry, settings.release);
    return listener;
  });
}
