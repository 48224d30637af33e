import { rsnPort } from '../catalog/server-ports.ts';
import type { DecidedStart } from './decide.ts';
import type { TelnetAdminFile } from './files.ts';
import type { Listener, Undecided } from './listener.ts';
import { Place } from './place.ts';
import { applyRelease, catalogEntry, noteRelease } from './port-catalog.ts';
import type { Settings } from './settings.ts';

/** A telnetd listener: from a listing's row, which decided it, else assumed on its default port. */
function telnetListener(
  port: number,
  service: string | undefined,
  start: DecidedStart,
  note: string,
  row?: Place,
): Listener {
  const fromRow: Pick<Listener, 'evidence' | 'decidedAt' | 'portSource'> =
    row === undefined
      ? { evidence: start.evidence, portSource: { from: 'catalog' } }
      : { evidence: [...start.evidence, row], decidedAt: row, portSource: { from: 'config file' } };
  const entry = catalogEntry({ daemon: 'telnetd' }, port);
  return {
    port,
    protocol: 'tcp',
    service: service ?? entry?.service ?? 'telnet',
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    ...start,
    note: [start.note, note].filter(Boolean).join('; '),
    ...fromRow,
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
      const listener = telnetListener(
        port,
        row.service.value,
        start,
        `${row.service.value} listener of telnet_admin`,
        new Place(file.source.path, row),
      );
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
    const listener = telnetListener(port, undefined, start, assumption);
    const entry = catalogEntry({ daemon: 'telnetd' }, port);
    if (entry !== undefined) applyRelease(listener, `telnetd on ${port}`, entry, settings.release);
    return listener;
  });
}
