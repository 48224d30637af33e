import { isBootpOrTftpPort, tftpPort } from '../../catalog/inetd-services.ts';
import { tcpdDaemonNames } from '../../catalog/tcpd.ts';
import type { HostsAccessFile } from '../../model/files.ts';
import type { Listener } from '../../model/listener.ts';
import { readRules, type HostsPattern } from '../../syntax/hosts-access.ts';
import type { AuditedModule, ModuleContext } from '../rule.ts';
import { reportedAt, running } from './listeners.ts';

/** The listeners that will or may run through tcpd; who its policy admits is known when the module has one. */
export function wrappedListeners(module: AuditedModule): Listener[] {
  return module.model.listeners.filter(
    (listener) => listener.wrappedBy === 'tcpd' && running(module, listener.daemon).includes(listener),
  );
}

export function isTftp(listener: Listener): boolean {
  return listener.port === tftpPort && listener.protocol === 'udp';
}

/** `tftpd on udp/69`. */
export function describeListener(listener: Listener): string {
  return `${listener.daemon} on ${listener.protocol}/${listener.port}`;
}

/** The check of the two admits-everyone rules: one for bootp and tftp (an error), one for the rest. */
export function admitsEveryone(bootpOrTftp: boolean): (context: ModuleContext) => void {
  return (context) => {
    for (const listener of wrappedListeners(context.module)) {
      if (isBootpOrTftpPort(listener.protocol, listener.port) !== bootpOrTftp || listener.admits?.anyone !== true)
        continue;
      // With the NIO's address known, tcpd-nio-tftp says what tftp must admit instead.
      if (isTftp(listener) && context.settings.nio && context.settings.nioAddresses !== undefined) continue;
      const at = reportedAt(context.module, listener);
      if (at === undefined) continue;
      const open = listener.admits.text === 'anyone' ? 'anyone' : `anyone (${listener.admits.text})`;
      context.report({
        ...at,
        reason:
          `${describeListener(listener)} is open to ${open} through tcpd: ` +
          `allow only the hosts that need it in hosts.allow (${tcpdDaemonNames(listener.daemon).join(' ')}: ` +
          `ADDRESS) and end hosts.deny with ALL: ALL`,
      });
    }
  };
}

/**
 * hosts.deny's default: a rule `ALL: ALL` (without EXCEPT) that does not turn into an allow. A file tcpd fails to
 * read denies too, and hosts-access-syntax reports it.
 */
export function hasDefaultDeny(file: HostsAccessFile): boolean {
  if (file.tree.unterminated) return true;
  const all = (list: readonly HostsPattern[]) =>
    list.length > 0 &&
    list.every((p) => p.kind === 'wildcard' && p.pattern.toLowerCase() === 'all' && p.qualifier === undefined);
  return readRules(file.tree).some(
    (rule) =>
      all(rule.daemons) &&
      all(rule.clients) &&
      !rule.options.some((o) => ['allow', 'twist'].includes(o.keyword.toLowerCase())),
  );
}

/** The line break a line added to the file ends with: the file's own. */
