/**
 * Service names that inetd.conf resolves through the services file, for when no STCP `services` file is given:
 * the usual services(5) names, plus the VOS ones (swat). Each maps to its port; the protocol follows the entry.
 */
export const wellKnownServices: Readonly<Record<string, number>> = {
  tcpmux: 1, echo: 7, discard: 9, sink: 9, null: 9, systat: 11, users: 11, daytime: 13, netstat: 15, qotd: 17,
  quote: 17, chargen: 19, ttytst: 19, source: 19, 'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25, mail: 25,
  time: 37, timserver: 37, rlp: 39, nameserver: 42, name: 42, whois: 43, nicname: 43, tacacs: 49, domain: 53,
  bootps: 67, bootp: 67, bootpc: 68, tftp: 69, gopher: 70, finger: 79, http: 80, www: 80, kerberos: 88, supdup: 95,
  hostnames: 101, hostname: 101, 'iso-tsap': 102, tsap: 102, rtelnet: 107, pop2: 109, 'pop-2': 109, pop3: 110,
  'pop-3': 110, sunrpc: 111, portmapper: 111, rpcbind: 111, auth: 113, ident: 113, authentication: 113, tap: 113,
  sftp: 115, 'uucp-path': 117, nntp: 119, ntp: 123, pwdgen: 129, 'netbios-ns': 137, 'netbios-dgm': 138,
  'netbios-ssn': 139, imap: 143, imap2: 143, snmp: 161, 'snmp-trap': 162, snmptrap: 162, xdmcp: 177, bgp: 179,
  irc: 194, imap3: 220, ldap: 389, https: 443, 'microsoft-ds': 445, kpasswd: 464, exec: 512, biff: 512, comsat: 512,
  login: 513, who: 513, whod: 513, shell: 514, cmd: 514, syslog: 514, printer: 515, spooler: 515, talk: 517,
  ntalk: 518, route: 520, router: 520, routed: 520, timed: 525, timeserver: 525, tempo: 526, courier: 530,
  rpc: 530, conference: 531, chat: 531, netnews: 532, readnews: 532, netwall: 533, uucp: 540, uucpd: 540,
  klogin: 543, kshell: 544, krcmd: 544, remotefs: 556, rfs_server: 556, rfs: 556, 'nntps': 563, ldaps: 636,
  'kerberos-adm': 749, 'kerberos-iv': 750, kpop: 1109, ingreslock: 1524, 'nfs': 2049, cvspserver: 2401, swat: 901,
  ftps: 990, imaps: 993, pop3s: 995, ircd: 6667, amanda: 10080,
};

/** A service field's port: a number written as such, or a known name; undefined when neither. */
export function wellKnownPort(service: string): number | undefined {
  if (/^\d{1,5}$/.test(service)) {
    const port = Number(service);
    return port <= 65535 ? port : undefined;
  }
  return Object.hasOwn(wellKnownServices, service) ? wellKnownServices[service] : undefined;
}
