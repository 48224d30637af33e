import { serverPorts, type ServerPort, type Transport } from './server-ports.ts';

/** A port a daemon listens on by default, with what the article says of it. */
export type DaemonPort = ServerPort & { transport: Transport };

/** The ports each daemon of the article listens on by default, read off the server port table. */
export function daemonPorts(daemon: string): DaemonPort[] {
  return serverPorts
    .filter((entry) => entry.daemon === daemon)
    .flatMap((entry) => entry.transports.map((transport) => ({ ...entry, transport })));
}

/** Program names that are another name for a daemon of the table. */
const aliases: Record<string, string> = {
  telnet: 'telnetd',
  snmp: 'snmpd',
  portmapper: 'portmap',
  sync_configd: 'sync_cfgd',
  bootp: 'bootpd',
  tftp: 'tftpd',
  ftpd_ch: 'ftp_ch',
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
