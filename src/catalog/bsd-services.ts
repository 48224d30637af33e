import type { Transport } from './server-ports.ts';

/**
 * Services that BSD-derived inetd.conf files carry and the article does not mention ([G]: general Unix knowledge).
 * `trust`: the r-services, which let in whoever .rhosts or hosts.equiv trusts and send everything in clear text.
 * `cleartext`: services that disclose users or carry sessions in clear text.
 */
export interface BsdService {
  name: string;
  port: number;
  transport: Transport;
  programs: string[];
  kind: 'trust' | 'cleartext';
  risk: string;
}

export const bsdServices: readonly BsdService[] = [
  {
    name: 'login',
    port: 513,
    transport: 'tcp',
    programs: ['rlogind', 'in.rlogind'],
    kind: 'trust',
    risk: 'rlogin lets in whoever .rhosts or hosts.equiv trusts, without a password, and sends the session in clear text',
  },
  {
    name: 'shell',
    port: 514,
    transport: 'tcp',
    programs: ['rshd', 'in.rshd'],
    kind: 'trust',
    risk: 'rsh runs commands for whoever .rhosts or hosts.equiv trusts, without a password',
  },
  {
    name: 'exec',
    port: 512,
    transport: 'tcp',
    programs: ['rexecd', 'in.rexecd'],
    kind: 'trust',
    risk: 'rexec takes a user name and password in clear text and runs commands',
  },
  {
    name: 'finger',
    port: 79,
    transport: 'tcp',
    programs: ['fingerd', 'in.fingerd'],
    kind: 'cleartext',
    risk: 'finger tells anyone who asks who uses the module',
  },
  {
    name: 'talk',
    port: 517,
    transport: 'udp',
    programs: ['talkd', 'in.talkd'],
    kind: 'cleartext',
    risk: 'talk opens chat sessions in clear text to anyone',
  },
  {
    name: 'ntalk',
    port: 518,
    transport: 'udp',
    programs: ['ntalkd', 'in.ntalkd'],
    kind: 'cleartext',
    risk: 'talk opens chat sessions in clear text to anyone',
  },
  {
    name: 'telnet',
    port: 23,
    transport: 'tcp',
    programs: ['telnetd', 'in.telnetd', 'telnet'],
    kind: 'cleartext',
    risk: 'a telnet server started by inetd, beside the telnetd STCP starts, sends passwords in clear text',
  },
  {
    name: 'ftp',
    port: 21,
    transport: 'tcp',
    programs: ['ftpd', 'in.ftpd'],
    kind: 'cleartext',
    risk: 'an ftp server started by inetd, beside the ftpd STCP starts, sends passwords in clear text',
  },
];

/** The BSD service an inetd entry is, by its port and protocol or by the program it runs. */
export function bsdServiceOf(
  port: number | undefined,
  transport: Transport | undefined,
  program: string,
): BsdService | undefined {
  return bsdServices.find(
    (service) => (service.port === port && service.transport === transport) || service.programs.includes(program),
  );
}
