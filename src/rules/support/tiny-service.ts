import { posixInetdRelease, timePort } from '../../catalog/inetd-services.ts';
import { lastPathComponent } from '../../catalog/program-name.ts';
import { releaseMembership } from '../../catalog/releases.ts';
import { commentOutEntry } from '../../fix/inetd-fixes.ts';
import type { InetdService } from '../../model/inetd.ts';
import { activeServices, describeService, entrySpan } from './describe.ts';
import type { InetdFile } from '../../model/files.ts';
import type { Settings } from '../../model/settings.ts';
import type { FileContext } from '../rule.ts';

/** With an NIO, TCP time stays on: the NIO needs it (inetd-nio-firewall says to block it at the site firewall). */
export function neededByNio(service: InetdService, settings: Settings): boolean {
  return settings.nio && service.port === timePort && service.transport === 'tcp';
}

/** Before 14.5 inetd ran a `*_stream.pm` program for TCP echo, discard and chargen; from 14.5 it serves them itself. */
function servedBy(service: InetdService, settings: Settings): string {
  if (service.daemon === 'internal') return '';
  // Without a release the module may run either inetd: the note says which releases the program belongs to.
  const posix =
    settings.release === undefined || releaseMembership(settings.release, [{ from: posixInetdRelease }]) !== 'out';
  const note =
    posix && service.tiny?.streamProgram !== undefined
      ? ` (a pre-14.5 program: from 14.5 inetd serves ${service.tiny.name} itself)`
      : '';
  return `, run by ${lastPathComponent(service.entry.server.value)}${note}`;
}

/** tcp time is what an NIO needs: commenting it out stays a safe fix, and the message says so. */
function nioNote(service: InetdService): string {
  return service.port === timePort && service.transport === 'tcp'
    ? '; a module with an NIO needs tcp time (audit it with --nio)'
    : '';
}

/** The two tiny-service rules differ only in which services they take and how they word the risk. */
export function tinyServiceCheck(dosVector: boolean, risk: string): (context: FileContext<InetdFile>) => void {
  return (context) => {
    for (const service of activeServices(context.file)) {
      if (service.tiny?.dosVector !== dosVector || neededByNio(service, context.settings)) continue;
      context.report({
        reason:
          `${describeService(service)} is active${servedBy(service, context.settings)}: ${risk}; ` +
          `comment it out unless something needs it${nioNote(service)}`,
        span: entrySpan(service),
        fix: commentOutEntry(service.entry),
      });
    }
  };
}
