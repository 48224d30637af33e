import { tftpPort, timePort } from '../catalog/inetd-services.ts';
import type { InetdFile } from '../model/files.ts';
import type { InetdService } from '../model/inetd.ts';
import { defineRule, type ModuleContext } from './rule.ts';
import { entrySpan } from './support/describe.ts';
import { running, startUpMacro } from './support/listeners.ts';
import { daemonRelease } from './support/release.ts';

/** What an NIO needs of inetd.conf, in the article's words. */
const inetdNeeds = [
  {
    port: timePort,
    transport: 'tcp',
    what: 'tcp time (port 37)',
    article: 'the TCP version of this service',
    remedy: 'remove the # in front of its time stream tcp line',
  },
  {
    port: tftpPort,
    transport: 'udp',
    what: 'tftp (udp/69)',
    article: 'the TFTP service',
    remedy: 'enable its tcpd line for tftp and allow only the NIO in hosts.allow',
  },
] as const;

function serves(service: InetdService, need: (typeof inetdNeeds)[number]): boolean {
  return service.port === need.port && service.transport === need.transport;
}

function checkInetd(context: ModuleContext, file: InetdFile): void {
  for (const need of inetdNeeds) {
    const lines = file.services.filter((service) => serves(service, need));
    if (lines.some((service) => !service.entry.disabled)) continue;
    // Point at the commented-out line to re-enable (the tcpd one for tftp), else at the top of the file.
    const disabled = lines.find((service) => service.tcpd !== undefined) ?? lines[0];
    context.report({
      file,
      span: disabled ? entrySpan(disabled) : { start: 0, end: 0 },
      reason:
        `${need.what} is ${disabled ? 'commented out' : 'missing'}, but the module has an NIO: ` +
        `the article says "the NIO configuration requires that the module be running ${need.article}"; ${need.remedy}`,
    });
  }
}

export const nioNeeds = defineRule({
  id: 'nio-needs',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'with an NIO, inetd must serve tcp time and tftp, and the macros must start sync_cfgd',
    rationale: [
      'The article: "the NIO configuration requires that the module be running the TCP version of this [time]',
      'service so that time stamps in NIO logs and VOS logs are synchronized", and "the NIO configuration requires that',
      'the module be running the TFTP service"; sync_cfgd is the bootp server that answers only the NIO blades (VOS',
      '15.0 and later). With `--nio` this rule reports a commented-out or missing tcp time or tftp line, and start-up',
      'macros that never start sync_cfgd. It says nothing of sync_cfgd when a macro the module calls is not among its',
      'files, since that macro may start it.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'An NIO module whose tcp time and tftp are commented out, and no sync_cfgd',
      options: { nio: true, release: '15.2' },
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n',
        'inetd.conf': [
          '#time stream tcp nowait root internal',
          '#tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
          '',
        ].join('\n'),
      },
      messages: [
        'module_start_up.cm:1:1 sync_cfgd is never started, but the module has an NIO: ' +
          'sync_cfgd is the bootp server of its blades; start >system>stcp>command_library>sync_cfgd.pm from module_start_up.cm',
        'inetd.conf:1:1 tcp time (port 37) is commented out, but the module has an NIO: ' +
          'the article says "the NIO configuration requires that the module be running the TCP version of this ' +
          'service"; remove the # in front of its time stream tcp line',
        'inetd.conf:2:1 tftp (udp/69) is commented out, but the module has an NIO: ' +
          'the article says "the NIO configuration requires that the module be running the TFTP service"; ' +
          'enable its tcpd line for tftp and allow only the NIO in hosts.allow',
      ],
    },
    {
      title: 'Without --nio the rule is silent',
      input: { 'inetd.conf': '#time stream tcp nowait root internal\n' },
      messages: [],
    },
  ],
  check(context) {
    if (!context.settings.nio) return;
    const { model, files } = context.module;
    for (const file of files) if (file.kind === 'inetd') checkInetd(context, file);
    const release = daemonRelease('sync_cfgd', 29000, context.settings);
    if (
      !model.macrosGiven ||
      model.unreadMacros.length > 0 ||
      release.membership === 'out' ||
      running(context.module, 'sync_cfgd').length > 0
    )
      return;
    const file = startUpMacro(context.module)!;
    const when = release.membership === 'unknown' ? ` (on VOS ${release.releases}, where it exists)` : '';
    context.report({
      file,
      span: { start: 0, end: 0 },
      reason:
        `sync_cfgd is never started${when}, but the module has an NIO: ` +
        `sync_cfgd is the bootp server of its blades; start >system>stcp>command_library>sync_cfgd.pm from module_start_up.cm`,
    });
  },
});
