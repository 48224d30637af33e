import type { InetdFile } from '../model/files.ts';
import { defaultTcpdPath, tftpPort } from '../catalog/inetd-services.ts';
import type { Fix } from '../fix/edit.ts';
import { commentOutEntry, enableEntry } from '../fix/inetd-fixes.ts';
import { isBootpOrTftp, listenerKey, type InetdService } from '../model/inetd.ts';
import { programName } from '../catalog/program-name.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

/** The tcpd paths the module already runs: those of the file's active lines, in file order, then the catalog's. */
function knownTcpdPaths(file: InetdFile): Set<string> {
  const paths = activeServices(file).flatMap((service) => (service.tcpd === undefined ? [] : [service.tcpd.value]));
  return new Set([...paths, defaultTcpdPath]);
}

/**
 * What an entry makes inetd run, tcpd aside: the daemon's path, then its arguments after argv[0]. Directly, argv[0]
 * is the first argument when it names the daemon (BSD's convention); through tcpd, it is the daemon's path.
 */
function daemonInvocation(service: InetdService): string[] {
  const { entry } = service;
  const args = entry.arguments.map((field) => field.value);
  if (service.tcpd !== undefined) return args;
  const argv0 = args[0];
  const rest = argv0 !== undefined && programName(argv0) === programName(entry.server.value) ? args.slice(1) : args;
  return [entry.server.value, ...rest];
}

/** What a commented tcpd line must share with a direct line to stand for it: all but the tcpd in front. */
function invocationKey(service: InetdService): string {
  const { entry } = service;
  return [
    listenerKey(service),
    entry.socketType.value,
    entry.wait.value,
    entry.user.value,
    ...daemonInvocation(service),
  ].join('\0');
}

/**
 * The file's commented tcpd lines that may be re-enabled, the first of each invocation: those behind a tcpd the
 * module already runs. A comment is anyone's text; re-enabled as it stands it could run any program as root.
 */
function enablableTcpdLines(file: InetdFile, tcpdPaths: ReadonlySet<string>): Map<string, InetdService> {
  const lines = new Map<string, InetdService>();
  for (const service of file.services) {
    if (!service.entry.disabled || service.tcpd === undefined || !tcpdPaths.has(service.tcpd.value)) continue;
    const key = invocationKey(service);
    if (!lines.has(key)) lines.set(key, service);
  }
  return lines;
}

/** Prefer the file's own commented tcpd line for the service, when it runs the same daemon the same way. */
function enableOwnTcpdLine(tcpdLines: Map<string, InetdService>, service: InetdService): Fix | undefined {
  const wrapped = tcpdLines.get(invocationKey(service));
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
function routeThroughTcpd(file: InetdFile, service: InetdService, tcpdPath: string): Fix {
  const { entry } = service;
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
  return {
    description: `routed line ${entry.position.start.line} (${entry.service.value}/${entry.protocol.value}) through ${tcpdPath}`,
    edits,
  };
}

/**
 * One finding states both remedies, as the article gives them: leave the line commented out unless a client needs
 * it, and if one does, run it through tcpd. An NIO needs tftp: only the second holds.
 */
function remedy(nioTftp: boolean, program: 'it' | 'the daemon'): string {
  if (nioTftp) return `the NIO needs tftp, so run ${program} through tcpd and let hosts.allow admit only the NIO`;
  return (
    `comment it out unless a client of this module needs it; ` +
    `if one does, run ${program} through tcpd so that hosts.allow and hosts.deny decide who may use it`
  );
}

export const inetdUnwrappedService = defineRule({
  id: 'inetd-unwrapped-service',
  scope: 'inetd',
  severity: 'error',
  fixable: true,
  docs: {
    summary: 'bootp and tftp outside tcpd: comment them out unless needed, and if needed run them through tcpd',
    rationale: [
      'The VOS inetd.conf carries two lines each for bootp (udp/67) and tftp (udp/69): one starts `bootpd.pm` or',
      '`tftpd.pm` directly, the other passes the request through the TCP Wrappers filter `tcpd` first. Neither',
      'protocol authenticates anyone: a direct tftpd hands files to whoever asks. The article advises leaving both',
      'lines commented out "unless you have an explicit need"; when a client does need the service, run it through',
      'tcpd, so that `hosts.allow` and `hosts.deny` decide who may use it. A module with an NIO needs tftp: run it',
      'through tcpd and allow only the NIO.',
      '',
      'An active line outside tcpd is one problem with two remedies, so it gets one finding (an error) that states',
      'both; `inetd-bootp-tftp-active` speaks only of lines already run through tcpd.',
    ].join('\n'),
    fix: [
      'The fix never makes the module run a program that none of its active lines and nothing in the catalog runs',
      'already. If the file has a commented-out tcpd line for the same service that runs the same daemon with the',
      'same arguments, user and socket settings, behind a tcpd that an active line or the catalog uses, the fix',
      're-enables that line and comments out the direct one. Otherwise it rewrites the entry to run tcpd with the',
      "daemon as its first argument, using the tcpd path of the file's first active tcpd line, or",
      '`>system>stcp>command_library>tcpd.pm`; a path that only a comment names is never used. When the first argument',
      "is the daemon's own name (BSD's argv[0] convention), the daemon's path replaces it.",
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
        '1:1 tftp/udp (port 69) is active and starts >system>stcp>command_library>tftpd.pm directly, ' +
          'outside tcpd: comment it out unless a client of this module needs it; ' +
          'if one does, run it through tcpd so that hosts.allow and hosts.deny decide who may use it',
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
        '1:1 bootps/udp (port 67) is active and starts >system>stcp>command_library>bootpd.pm directly, ' +
          'outside tcpd: comment it out unless a client of this module needs it; ' +
          'if one does, run it through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
      output:
        'bootps\tdgram\tudp\twait\troot\t>system>stcp>command_library>tcpd.pm\t>system>stcp>command_library>bootpd.pm\n',
    },
    {
      title: 'Served inside inetd: nothing for tcpd to wrap',
      input: 'tftp dgram udp wait root internal\n',
      messages: [
        '1:1 tftp/udp (port 69) is active and served inside inetd, where tcpd cannot restrict it: ' +
          'comment it out unless a client of this module needs it; ' +
          'if one does, run the daemon through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
    },
    {
      title: 'With an NIO, tftp is needed: only the way through tcpd is left',
      options: { nio: true },
      input: 'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd\n',
      messages: [
        '1:1 tftp/udp (port 69) is active and starts >system>stcp>command_library>tftpd.pm directly, ' +
          'outside tcpd: the NIO needs tftp, so run it through tcpd and let hosts.allow admit only the NIO',
      ],
      output: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
    },
    {
      title: 'A commented tcpd line that runs something else is not re-enabled',
      input: [
        'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd',
        '#tftp dgram udp wait root >home>mallory>tcpd.pm >bin>sh -c evil',
        '#tftp dgram udp wait root >home>mallory>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
      messages: [
        '1:1 tftp/udp (port 69) is active and starts >system>stcp>command_library>tftpd.pm directly, ' +
          'outside tcpd: comment it out unless a client of this module needs it; ' +
          'if one does, run it through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
      output: [
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '#tftp dgram udp wait root >home>mallory>tcpd.pm >bin>sh -c evil',
        '#tftp dgram udp wait root >home>mallory>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
    },
    {
      title: 'A tcpd path that only a comment names is not used',
      input: [
        '#ntalk dgram udp wait root >home>mallory>tcpd.pm ntalkd',
        'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd',
        '',
      ].join('\n'),
      messages: [
        '2:1 tftp/udp (port 69) is active and starts >system>stcp>command_library>tftpd.pm directly, ' +
          'outside tcpd: comment it out unless a client of this module needs it; ' +
          'if one does, run it through tcpd so that hosts.allow and hosts.deny decide who may use it',
      ],
      output: [
        '#ntalk dgram udp wait root >home>mallory>tcpd.pm ntalkd',
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
    },
    {
      title: 'Already through tcpd',
      input: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      messages: [],
    },
  ],
  check(context) {
    let known: { routeThrough: string; tcpdLines: Map<string, InetdService> } | undefined;
    for (const service of activeServices(context.file)) {
      if (!isBootpOrTftp(service) || service.tcpd !== undefined) continue;
      const nioTftp = context.settings.nio && service.port === tftpPort;
      if (service.daemon === 'internal') {
        context.report({
          reason: `${describeService(service)} is active and served inside inetd, where tcpd cannot restrict it: ${remedy(nioTftp, 'the daemon')}`,
          span: entrySpan(service),
        });
        continue;
      }
      if (known === undefined) {
        const tcpdPaths = knownTcpdPaths(context.file);
        const [routeThrough = defaultTcpdPath] = tcpdPaths;
        known = { routeThrough, tcpdLines: enablableTcpdLines(context.file, tcpdPaths) };
      }
      context.report({
        reason: `${describeService(service)} is active and starts ${service.entry.server.value} directly, outside tcpd: ${remedy(nioTftp, 'it')}`,
        span: entrySpan(service),
        fix: enableOwnTcpdLine(known.tcpdLines, service) ?? routeThroughTcpd(context.file, service, known.routeThrough),
      });
    }
  },
});
