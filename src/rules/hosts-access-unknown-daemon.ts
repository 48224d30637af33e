import { tcpdDaemonNames } from '../catalog/tcpd.ts';
import type { InetdFile } from '../model/files.ts';
import { daemonPatternMatches } from '../model/tcpd-match.ts';
import { readRules, type HostsPattern } from '../syntax/hosts-access.ts';
import { defineRule } from './rule.ts';

interface Wrapped {
  names: string[];
  port?: number;
}

/** The daemons the module's inetd.conf runs through tcpd, by the names tcpd may see. */
function wrappedDaemons(files: readonly InetdFile[]): Wrapped[] {
  return files.flatMap((file) =>
    file.services.flatMap((service) => {
      const program = service.entry.arguments[0]?.value;
      if (service.tcpd === undefined || service.entry.disabled || program === undefined) return [];
      return [{ names: tcpdDaemonNames(program), ...(service.port !== undefined && { port: service.port }) }];
    }),
  );
}

function named(pattern: HostsPattern): boolean {
  return pattern.kind !== 'except' && pattern.kind !== 'wildcard';
}

export const hostsAccessUnknownDaemon = defineRule({
  id: 'hosts-access-unknown-daemon',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a rule should name a daemon that inetd.conf runs through tcpd (as tcpdchk checks)',
    rationale: [
      'tcpd matches the daemon by the name of the program it runs. A rule for a daemon that no inetd.conf entry runs',
      'through tcpd never applies: a misspelt name (`tftp` for `tftpd`), the Linux name (`in.tftpd`), or a service',
      'that runs directly. On VOS tcpd may see `tftpd` or `tftpd.pm` (vos-audit accepts both). A `#` after blanks is',
      'no comment: tcpd reads the line as a rule whose first daemon is `#`.',
      '',
      "The rule needs the module's inetd.conf; without one it is silent.",
    ].join('\n'),
  },
  examples: [
    {
      title: 'The Linux name, and an indented comment',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'in.tftpd: 10.9.9.9\n  # tftpd: 10.9.9.8\n',
      },
      messages: [
        "hosts.allow:1:1 Daemon 'in.tftpd' matches nothing: " +
          'no inetd.conf entry runs it through tcpd (wrapped: tftpd); name the program tcpd runs, such as tftpd or tftpd.pm',
        "hosts.allow:2:3 '#' is read here as a daemon: " +
          "'#' starts a comment only in the first column, so tcpd reads this line as a rule; move the '#' to the start of the line",
      ],
    },
    {
      title: 'Both names of the wrapped tftpd',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd tftpd.pm 69: 10.9.9.9\n',
      },
      messages: [],
    },
  ],
  check(context) {
    const inetd = context.module.files.filter((file): file is InetdFile => file.kind === 'inetd');
    if (inetd.length === 0) return;
    const wrapped = wrappedDaemons(inetd);
    const shown = [...new Set(wrapped.map((daemon) => daemon.names[0]))].join(', ') || 'none';
    for (const file of context.module.files) {
      if (file.kind !== 'hosts-access') continue;
      for (const pattern of readRules(file.tree)
        .flatMap((rule) => rule.daemons)
        .filter(named)) {
        const span = { start: pattern.start, end: pattern.end };
        if (pattern.pattern.startsWith('#')) {
          context.report({
            file,
            span,
            reason:
              "'#' is read here as a daemon: " +
              "'#' starts a comment only in the first column, so tcpd reads this line as a rule; move the '#' to the start of the line",
          });
        } else if (
          !wrapped.some((daemon) =>
            daemon.names.some((name) => daemonPatternMatches(pattern.pattern, name, daemon.port)),
          )
        ) {
          context.report({
            file,
            span,
            reason:
              `Daemon '${pattern.value}' matches nothing: ` +
              `no inetd.conf entry runs it through tcpd (wrapped: ${shown}); name the program tcpd runs, such as tftpd or tftpd.pm`,
          });
        }
      }
    }
  },
});
