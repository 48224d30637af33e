import type { Advice } from '../catalog/advice.ts';
import type { Transport } from '../catalog/server-ports.ts';
import type { Decided } from './decide.ts';
import type { InetdFile } from './files.ts';
import type { InetdService } from './inetd.ts';
import type { Listener, ListenerState, ModuleModel, PortSource } from './listener.ts';
import { Place } from './place.ts';
import { catalogEntry, noteRelease } from './port-catalog.ts';
import type { Settings } from './settings.ts';

/**
 * The listener of an inetd entry. Its evidence is put together when read: a large inetd.conf makes a listener of
 * every line, and few are ever asked where they come from.
 */
class InetdListener implements Listener {
  readonly startedBy = 'inetd';
  readonly portSource: PortSource = { from: 'config file' };
  state: ListenerState;
  condition?: string;
  note?: string;
  readonly wrappedBy?: string;
  readonly product: string;
  readonly advice?: Advice;
  readonly #inetdEvidence: readonly Place[];
  readonly #file: string;
  readonly #service: InetdService;

  constructor(
    readonly port: number,
    readonly protocol: Transport,
    readonly daemon: string,
    decided: Decided,
    service: InetdService,
    file: string,
    inetdEvidence: readonly Place[],
    settings: Settings,
  ) {
    this.state = decided.state;
    if (decided.condition !== undefined) this.condition = decided.condition;
    if (decided.note !== undefined) this.note = decided.note;
    if (service.tcpd !== undefined) this.wrappedBy = 'tcpd';
    // The program inetd runs is the daemon's entry (swat); a service inetd serves itself is found by inetd's port.
    const entry = catalogEntry({ daemon }, port) ?? catalogEntry({ startedBy: 'inetd' }, port);
    this.product = entry?.product ?? 'STCP';
    if (entry?.advice !== undefined) this.advice = entry.advice;
    if (entry !== undefined && !service.entry.disabled)
      noteRelease(this, `${daemon} on ${port}`, entry, settings.release);
    this.#inetdEvidence = inetdEvidence;
    this.#file = file;
    this.#service = service;
  }

  get service(): string {
    return this.#service.entry.service.value;
  }

  get evidence(): Place[] {
    return [...this.#inetdEvidence, this.decidedAt];
  }

  get decidedAt(): Place {
    return new Place(this.#file, this.#service.entry);
  }
}

/** Whether inetd runs, as the model decided it: assumed without macros, else as its strongest start. */
function inetdRunning(inetd: ModuleModel['inetd']): Decided {
  if (inetd === undefined) return { state: 'live', note: 'assumed: inetd is started (no module_start_up.cm given)' };
  return { state: inetd.state, ...(inetd.condition !== undefined && { condition: inetd.condition }) };
}

/** Adds the listeners of the inetd entries to the model; an entry whose port is not known is undecided. */
export function addInetdListeners(model: ModuleModel, files: InetdFile[], settings: Settings): void {
  const running = inetdRunning(model.inetd);
  const commentedOut: Decided = { state: 'off', note: 'commented out' };
  for (const file of files) {
    for (const service of file.services) {
      if (service.port === undefined || service.transport === undefined) {
        if (!service.entry.disabled)
          model.unresolved.push({ reason: unknownPort(service), place: new Place(file.source.path, service.entry) });
        continue;
      }
      const daemon = service.daemon === 'internal' ? 'inetd' : service.daemon;
      const decided = service.entry.disabled ? commentedOut : running;
      model.listeners.push(
        new InetdListener(
          service.port,
          service.transport,
          daemon,
          decided,
          service,
          file.source.path,
          model.inetd?.evidence ?? [],
          settings,
        ),
      );
    }
  }
}

function unknownPort(service: InetdService): string {
  const written = `${service.entry.service.value}/${service.entry.protocol.value}`;
  if (service.rpc)
    return `inetd serves the RPC service ${written} on a port the portmapper assigns: it cannot be opened statically through a firewall`;
  if (service.transport === undefined) return `inetd serves ${written}, a protocol vos-audit does not model`;
  return `inetd serves ${written}, whose service name maps to no port (not in the services file)`;
}
