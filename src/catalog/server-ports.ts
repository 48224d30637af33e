import type { ReleaseRange } from './releases.ts';

/** telnetd's port for the Remote Service Network (`rsn_incoming`), from VOS 15.0. */
export const rsnPort = 85;

export type Transport = 'tcp' | 'udp';

/** A listening port of a VOS server, as the STCP ports article's tables 1 and 2 give it. */
export interface ServerPort {
  /** One port, or the first port of a kernel range whose end depends on the module's configuration. */
  port: number;
  /** For a range: what its last port depends on. */
  rangeEnd?: string;
  transports: Transport[];
  service: string;
  daemon: string;
  startedBy: string;
  releases: ReleaseRange[];
  product: string;
  advice?: string;
}

const all: ReleaseRange[] = [{}];

export const serverPorts: readonly ServerPort[] = [
  { port: 7, transports: ['tcp', 'udp'], service: 'echo', daemon: 'inetd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'comment out unless needed: a denial-of-service vector' },
  { port: 9, transports: ['tcp', 'udp'], service: 'discard', daemon: 'inetd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'comment out unless needed' },
  { port: 13, transports: ['tcp', 'udp'], service: 'daytime', daemon: 'inetd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'comment out unless needed: a denial-of-service vector' },
  { port: 19, transports: ['tcp', 'udp'], service: 'chargen', daemon: 'inetd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'comment out unless needed: a denial-of-service vector' },
  { port: 21, transports: ['tcp'], service: 'ftp', daemon: 'ftpd', startedBy: 'start_stcp', releases: all, product: 'STCP' },
  { port: 22, transports: ['tcp'], service: 'ssh', daemon: 'sshd', startedBy: 'module_start_up.cm', releases: [{ from: '14.7', until: '14.7' }, { from: '15.1' }], product: 'S270' },
  { port: 23, transports: ['tcp'], service: 'telnet', daemon: 'telnetd', startedBy: 'start_stcp', releases: all, product: 'STCP' },
  { port: 24, transports: ['tcp'], service: 'telnet', daemon: 'telnet_msd', startedBy: 'module_start_up.cm', releases: all, product: 'STCP', advice: 'only for legacy forms or raw-terminal applications' },
  { port: 37, transports: ['tcp', 'udp'], service: 'time', daemon: 'inetd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'comment out UDP, and TCP unless the module has an NIO; with an NIO block tcp/37 at the site firewall' },
  { port: 67, transports: ['udp'], service: 'bootp', daemon: 'bootpd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'leave commented out unless needed' },
  { port: 69, transports: ['udp'], service: 'tftp', daemon: 'tftpd', startedBy: 'inetd', releases: all, product: 'STCP', advice: 'leave commented out; with an NIO run it through tcpd, allow only the NIO, and block it at the site firewall' },
  { port: 80, transports: ['tcp'], service: 'http', daemon: 'httpd', startedBy: 'module_start_up.cm', releases: [{ from: '14.3', until: '14.7' }, { from: '15.2' }], product: 'S266' },
  { port: 85, transports: ['tcp'], service: 'telnet', daemon: 'telnetd', startedBy: 'start_stcp', releases: [{ from: '15.0' }], product: 'STCP', advice: 'block at every firewall; never from a corporate network' },
  { port: 111, transports: ['udp'], service: 'sunrpc', daemon: 'portmap', startedBy: 'a site macro', releases: [{ until: '15.0' }, { from: '15.1.1' }], product: 'S135' },
  { port: 123, transports: ['udp'], service: 'ntp', daemon: 'ntpd', startedBy: 'start_ntpd', releases: [{ from: '15.1' }], product: 'STCP' },
  { port: 137, transports: ['udp'], service: 'netbios-ns', daemon: 'nmbd', startedBy: 'start_samba', releases: [{ from: '14.4' }], product: 'S269' },
  { port: 138, transports: ['udp'], service: 'netbios-dgm', daemon: 'nmbd', startedBy: 'start_samba', releases: [{ from: '14.4' }], product: 'S269' },
  { port: 139, transports: ['tcp'], service: 'netbios-ssn', daemon: 'smbd', startedBy: 'start_samba', releases: [{ from: '14.4' }], product: 'S269' },
  { port: 161, transports: ['udp'], service: 'snmp', daemon: 'snmpd', startedBy: 'start_stcp', releases: all, product: 'STCP', advice: 'the default community "public" is weak' },
  { port: 443, transports: ['tcp'], service: 'https', daemon: 'httpd', startedBy: 'module_start_up.cm', releases: [{ from: '15.2.0' }], product: 'S266' },
  { port: 445, transports: ['tcp'], service: 'microsoft-ds', daemon: 'smbd', startedBy: 'start_samba', releases: [{ from: '15.1.0' }], product: 'S269' },
  { port: 500, transports: ['udp'], service: 'isakmp', daemon: 'iked', startedBy: 'module_start_up.cm', releases: [{ from: '16.1' }], product: 'S049' },
  { port: 901, transports: ['tcp'], service: 'swat', daemon: 'swat', startedBy: 'inetd', releases: [{ from: '14.4' }], product: 'S269', advice: 'Samba administration over plain HTTP' },
  { port: 2049, transports: ['udp'], service: 'nfs', daemon: 'nfs_server', startedBy: 'a site macro', releases: [{ until: '15.2' }], product: 'S135' },
  { port: 3000, rangeEnd: '3000 + 2 × max_open_server (new_modules.tin)', transports: ['tcp'], service: 'OSL', daemon: 'kernel', startedBy: 'kernel', releases: all, product: 'STCP' },
  { port: 4000, rangeEnd: '4000 + max_open_server (new_backbone_systems.tin)', transports: ['tcp'], service: 'OSN', daemon: 'kernel', startedBy: 'kernel', releases: all, product: 'STCP' },
  { port: 4500, transports: ['udp'], service: 'ipsec-nat-t', daemon: 'iked', startedBy: 'module_start_up.cm', releases: [{ from: '16.1' }], product: 'S049' },
  { port: 29000, transports: ['udp'], service: 'sync_cfgd', daemon: 'sync_cfgd', startedBy: 'module_start_up.cm', releases: [{ from: '15.0' }], product: 'STCP', advice: 'only on V-series modules with an NIO; block at firewalls' },
];
