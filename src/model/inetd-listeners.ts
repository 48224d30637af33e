import type { Transport } from '../catalog/server-ports.ts';
import type { Decided } from './decide.ts';
import type { InetdFile } from './files.ts';
import type { InetdService } from './inetd.ts';
import type { Listener, ListenerState, ModuleModel } from './listener.ts';
import { Place } from './place.ts';
import { adviceFor } from './port-catalog.ts';

/**
 * The listener of an inetd entry. Its evidence is put together when read: a large inetd.conf makes a listener of
 * every line, and few are ever asked where they come from.
 */
class InetdListener implements Listener {
  readonly startedBy = 'inetd';
  state: ListenerState;
  note?: string;
  readonly wrappedBy?: string;
  readonly advice?: string;
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
  ) {
    this.state = decided.state;
    if (decided.note !== undefined) this.note = decided.note;
    if (service.tcpd !== undefined) this.wrappedBy = 'tcpd';
    const { advice } = adviceFor({ startedBy: 'inetd' }, port);
    if (advice !== undefined) this.advice = advice;
    this.#inetdEvidence = inetdEvidence;
    this.#file = file;
    this.#service = service;
  }

  get evidence(): Place[] {
    return [...this.#inetdEvidence, new Place(this.#file, this.#service.entry)];
  }
}

/** Adds the listeners of the inetd entries to `listeners`. */
export function addInetdListeners(listeners: Listener[], files: InetdFile[], inetd: ModuleModel['inetd']): void {
  const running: Decided = inetd === undefined ? { state: 'live', note: 'assumed: inetd is started (no module_start_up.cm given)' } : { state: inetd.state };
  const commentedOut: Decided = { state: 'off', note: 'commented out' };
  for (const file of files) {
    for (const service of file.services) {
      if (service.port === undefined || service.transport === undefined) continue;
      const daemon = service.daemon === 'internal' ? 'inetd' : service.daemon;
      const decided = service.entry.disabled ? commentedOut : running;
      listeners.push(new InetdListener(service.port, service.transport, daemon, decided, service, file.source.path, inetd?.evidence ?? []));
    }
  }
}
