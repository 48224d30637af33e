import type { InetdFile } from '../model/files.ts';
import { defaultTcpdPath } from '../catalog/inetd-services.ts';
import type { Fix } from '../fix/edit.ts';
import { commentOutEntry, enableEntry } from '../fix/inetd-fixes.ts';
import { isBootpOrTftp, isTcpd, listenerKey, type InetdService } from '../model/inetd.ts';
import { programName } from '../catalog/program-name.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

/** The file's commented-out tcpd lines by listener, the first of each. */
function disabledTcpdLines(file: InetdFile): Map<string, InetdService> {
  const lines = new Map<string, InetdService>();
  for (const service of file.services) {
    if (!service.entry.disabled || service.tcpd === undefined) continue;
    const key = listenerKey(service);
    if (!lines.has(key)) lines.set(key, service);
  }
  return lines;
}

/** Prefer the file's own commented tcpd line for the service: it is what the site (or Stratus) wrote. */
function enableOwnTcpdLine(tcpdLines: Map<string, InetdService>, service: InetdService): Fix | undefined {
  const wrapped = tcpdLines.get(listenerKey(service));
  if (wrapped === undefined) return undefined;
  const enable = enableEntry(wrapped.entry);
  const disable = commentOutEntry(service.entry);
  return {
    description: `${disable.description}; ${enable.description}`,
    edits: [...disable.edits, ...enable.edits],
  };
}

/**
 * Rewrites the entry so tcpd runs with the daemon's path as its first argument. When the first argument is the
 * daemon's own name (BSD's argv[0]), the path takes its place; otherwise the path is inserted before the arguments.
 */
function routeThroughTcpd(file: InetdFile, service: InetdService): Fix {
  const { entry } = service;
  const tcpdPath = file.services.find((other) => isTcpd(other.entry.server.value))?.entry.server.value ?? defaultTcpdPath;
  const daemonPath = entry.server.value;
  const argv0 = entry.arguments[0];
  const separator = file.source.text.slice(entry.user.end, entry.server.start);
  const edits =
    argv0 !== undefined && programName(argv0.value) === programName(daemonPath)
      ? [
          { start: entry.server.start, end: entry.server.end, text: tcpdPath },
          { start: argv0.start, end: argv0.end, text: daemonPath },
        ]
      : [{ start: entry.server.start, end: entry.server.end, text: `${tcpdPath}${separator}${daemonPath}` }];
  return { description: `routed line ${entry.position.start.line} (${entry.service.value}/${entry.protocol.value}) through ${tcpdPath}`, edits };
}

export const inetdUnwrappedService = defineRule({
  id: 'inetd-unwrapped-service',
  scope: 'inetd',
  severity: 'error',
  fixable: true,
  docs: {
    summary: 'bootp and tftp must run through tcpd (TCP Wrappers)',
    rationale: [
      'The VOS inetd.conf carries two lines each for bootp (udp/67) and tftp (udp/69): one starts `bootpd.pm` or',
      '`tftpd.pm` directly, the other passes the request through the TCP Wrappers filter `tcpd` first. Neither',
      'protocol authenticates anyone: a direct tftpd hands files to whoever asks. Run through tcpd, `hosts.allow`',
      'and `hosts.deny` decide who may use it; a module with an NIO should allow only the NIO.',
    ].join('\n'),
    fix: [
      "If the file has its own commented-out tcpd line for the same service, the fix re-enables that line and comments",
      'out the direct one. Otherwise it rewrites the entry to run tcpd with the daemon as its first argument, using',
      'the tcpd path the file already uses elsewhere, or `>system>stcp>command_library>tcpd.pm`. When the first',
      "argument is the daemon's own name (BSD's argv[0] convention), the daemon's path replaces it.",
    ].join('\n'),
  },
  examples: [
    {
      title: 'The file has its own tcpd line for tftp',
      input: [
        'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd',
        '#tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
      messages: [
        '1:1 Unexpected tftp/udp (port 69) started directly by >system>stcp>command_library>tftpd.pm, expected it to run through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
      output: [
        '#tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd',
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
    },
    {
      title: 'No tcpd line for bootp: the entry is rewritten',
      input: 'bootps\tdgram\tudp\twait\troot\t>system>stcp>command_library>bootpd.pm\n',
      messages: [
        '1:1 Unexpected bootps/udp (port 67) started directly by >system>stcp>command_library>bootpd.pm, expected it to run through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
      output: 'bootps\tdgram\tudp\twait\troot\t>system>stcp>command_library>tcpd.pm\t>system>stcp>command_library>bootpd.pm\n',
    },
    {
      title: 'Served inside inetd: nothing for tcpd to wrap',
      input: 'tftp dgram udp wait root internal\n',
      messages: ['1:1 Unexpected tftp/udp (port 69) served inside inetd, where tcpd cannot restrict it: comment it out, or run the daemon through tcpd'],
    },
    {
      title: 'Already through tcpd',
      input: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      messages: [],
    },
  ],
  check(context) {
    let tcpdLines: Map<string, InetdService> | undefined;
    for (const service of activeServices(context.file)) {
      if (!isBootpOrTftp(service) || service.tcpd !== undefined) continue;
      if (service.daemon === 'internal') {
        context.report({
          reason: `Unexpected ${describeService(service)} served inside inetd, where tcpd cannot restrict it: comment it out, or run the daemon through tcpd`,
          span: entrySpan(service),
        });
        continue;
      }
      context.report({
        reason: `Unexpected ${describeService(service)} started directly by ${service.entry.server.value}, expected it to run through tcpd so that hosts.allow and hosts.deny decide who may use it`,
        span: entrySpan(service),
        fix: enableOwnTcpdLine((tcpdLines ??= disabledTcpdLines(context.file)), service) ?? routeThroughTcpd(context.file, service),
      });
    }
  },
});
