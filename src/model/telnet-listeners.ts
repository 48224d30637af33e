import { compareReleases, parseRelease } from '../catalog/releases.ts';
import { rsnPort } from '../catalog/server-ports.ts';
import type { DecidedStart } from './decide.ts';
import type { TelnetAdminFile } from './files.ts';
import type { Listener } from './listener.ts';
import { Place } from './place.ts';
import { adviceFor } from './port-catalog.ts';
import type { Settings } from './settings.ts';

const rsnRelease = parseRelease('15.0')!;

/** telnetd's listeners: the listing's rows when one was given, else port 23 and, from 15.0, the RSN's port 85. */
export function telnetListeners(listings: TelnetAdminFile[], start: DecidedStart, settings: Settings): Listener[] {
  const rows = listings.flatMap((file) => file.tree.children.map((row) => ({ file, row })));
  if (rows.length > 0) {
    return rows.map(({ file, row }) => {
      const port = Number(row.port.value);
      return {
        port,
        protocol: 'tcp',
        daemon: 'telnetd',
        startedBy: 'start_stcp',
        ...start,
        note: [start.note, `${row.service.value} listener of telnet_admin`].filter(Boolean).join('; '),
        evidence: [...start.evidence, new Place(file.source.path, row)],
        ...adviceFor({ daemon: 'telnetd' }, port),
      };
    });
  }
  const ports = compareReleases(settings.release, rsnRelease) >= 0 ? [23, rsnPort] : [23];
  return ports.map((port) => ({
    port,
    protocol: 'tcp' as const,
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    ...start,
    note: [start.note, 'assumed: no telnet_admin listing given'].filter(Boolean).join('; '),
    ...adviceFor({ daemon: 'telnetd' }, port),
  }));
}
