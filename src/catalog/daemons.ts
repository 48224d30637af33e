import type { ReleaseRange } from './releases.ts';
import { serverPorts, type Transport } from './server-ports.ts';

/** A port a daemon listens on, with what the article says of it. */
export interface DaemonPort {
  port: number;
  rangeEnd?: string;
  transport: Transport;
  releases: ReleaseRange[];
  product: string;
  advice?: string;
}

/** The ports each daemon of the article listens on by default, read off the server port table. */
export function daemonPorts(daemon: string): DaemonPort[] {
  return serverPorts
    .filter((entry) => entry.daemon === daemon)
    .flatMap((entry) =>
      entry.transports.map((transport) => ({
        port: entry.port,
        ...(entry.rangeEnd && { rangeEnd: entry.rangeEnd }),
        transport,
        releases: entry.releases,
        product: entry.product,
        ...(entry.advice && { advice: entry.advice }),
      })),
    );
}

/** Program names that are another name for a daemon of the table. */
const aliases: Record<string, string> = {
  telnet: 'telnetd',
  snmp: 'snmpd',
  portmapper: 'portmap',
  sync_configd: 'sync_cfgd',
  bootp: 'bootpd',
  tftp: 'tftpd',
};

export function canonicalDaemon(program: string): string {
  return aliases[program] ?? program;
}

/**
 * The macros VOS ships and what they start, for when the macro itself is not among the module's files
 * ([D] for start_stcp's snmpd: the article does not say what starts it).
 */
export const knownMacros: Readonly<Record<string, readonly string[]>> = {
  start_stcp: ['ftpd', 'telnetd', 'inetd', 'snmpd'],
  start_ntpd: ['ntpd'],
  start_samba: ['nmbd', 'smbd'],
};

