import type { InetdService } from '../../model/inetd.ts';
import type { Span } from '../../syntax/position.ts';
import type { InetdFile } from '../../model/files.ts';

/** `echo/tcp (port 7)`: the service as written, its protocol, and the port it opens when known. */
export function describeService(service: InetdService): string {
  const { entry } = service;
  const port =
    service.port !== undefined && String(service.port) !== entry.service.value ? ` (port ${service.port})` : '';
  return `${entry.service.value}/${entry.protocol.value}${port}`;
}

/** The entries inetd will listen for: not commented out. */
export function activeServices(file: InetdFile): InetdService[] {
  return file.services.filter((service) => !service.entry.disabled);
}

export function entrySpan(service: InetdService): Span {
  return { start: service.entry.start, end: service.entry.end };
}
