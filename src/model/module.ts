import type { Transport } from '../catalog/server-ports.ts';
import { append } from '../util/append.ts';
import { addFtpData, dependOnPortmapper } from './dependent-rows.ts';
import type { AuditedFile, InetdFile, TelnetAdminFile } from './files.ts';
import { addInetdListeners } from './inetd-listeners.ts';
import { kernelRows } from './kernel.ts';
import { stateRank, type ModuleModel } from './listener.ts';
import { inetdStart, openConditions, readStarts, stcpAssumed } from './module-starts.ts';
import { Place } from './place.ts';
import { addStartedDaemons, assumedStcpRows } from './started-rows.ts';
import { addTcpdAdmissions } from './tcpd-admission.ts';
import type { Settings } from './settings.ts';
import { unmatchedFacts } from './site-facts.ts';
import { telnetListeners } from './telnet-listeners.ts';
import { baseName } from '../util/base-name.ts';

const transportRank: Record<Transport, number> = { tcp: 0, udp: 1 };
/** A line of any file that does not parse is not in the model, which is then incomplete: each is undecided. */
function addParseErrors(model: ModuleModel, files: readonly AuditedFile[]): void {
  for (const file of files) {
    for (const error of file.tree.errors) {
      model.unresolved.push({
        reason: `a line of ${baseName(file.source.path)} that does not parse (${error.message}): what it configures is not in the model`,
        place: new Place(file.source.path, error),
      });
    }
  }
}

/**
 * Builds the model of one module from all of its files: which daemons and ports will be live, and why. The steps
 * run in this order because each reads what the ones before it made:
 *   1. the macros' starts, and inetd's own start (every later step asks what the macros start);
 *   2. the rows of what STCP and the macros start (telnetd's from the listing, or assumed);
 *   3. what follows those rows: ftp data wherever ftpd runs, nfs_server only where the portmapper does;
 *   4. inetd's entries, each under inetd's start from step 1;
 *   5. the kernel's ranges, and the lines of any file that do not parse;
 *   6. who tcpd admits, once every row that runs through it is made; then the rows in port order.
 */
export function buildModule(name: string, files: readonly AuditedFile[], settings: Settings): ModuleModel {
  const starts = readStarts(files, settings);
  const inetd = inetdStart(starts);
  const model: ModuleModel = {
    name,
    listeners: [],
    connections: [],
    unresolved: starts.facts.unresolved,
    unreadMacros: starts.unreadMacros,
    macrosGiven: starts.macrosGiven,
    openConditions: openConditions(starts.facts, settings),
    factWarnings: unmatchedFacts(settings.facts, starts.facts.guards.atoms),
    ...(inetd !== undefined && { inetd }),
  };

  const telnetStart = starts.macrosGiven ? starts.startOf('telnetd') : stcpAssumed;
  if (telnetStart !== undefined) {
    const listings = files.filter((f): f is TelnetAdminFile => f.kind === 'telnet-admin');
    append(model.listeners, telnetListeners(listings, telnetStart, settings, model.unresolved));
  }
  append(model.listeners, assumedStcpRows(starts));
  addStartedDaemons(model, starts, files, settings);

  addFtpData(model);
  dependOnPortmapper(model);

  addInetdListeners(
    model,
    files.filter((f): f is InetdFile => f.kind === 'inetd'),
    settings,
  );

  append(model.listeners, kernelRows(settings));
  addParseErrors(model, files);

  addTcpdAdmissions(model, files);
  model.listeners.sort(
    (a, b) =>
      a.port - b.port ||
      transportRank[a.protocol] - transportRank[b.protocol] ||
      stateRank[b.state] - stateRank[a.state],
  );
  return model;
}
