import { tcpdDaemonNames } from '../catalog/tcpd.ts';
import type { Fix } from '../fix/edit.ts';
import type { HostsAccessFile } from '../model/files.ts';
import type { Listener } from '../model/listener.ts';
import { admission } from '../model/tcpd-admission.ts';
import { modulePolicy } from '../model/tcpd-module-policy.ts';
import { readRules } from '../syntax/hosts-access.ts';
import { defineRule, type ModuleContext } from './rule.ts';
import { reportedAt } from './support/listeners.ts';
import { describeListener, hasDefaultDeny, isTftp, wrappedListeners } from './support/tcpd.ts';

/** tcpd reads lines up to a line feed (a lone CR is not one): a CRLF file keeps its CR, any other gets LF alone. */
function lineBreak(file: HostsAccessFile): string {
  return file.source.eol === 'crlf' ? '\r\n' : '\n';
}

/** The NIO's rule, put before the first rule of hosts.allow (first match wins), or at its end. */
function allowNio(file: HostsAccessFile, daemons: string[], nio: readonly string[]): Fix {
  const first = readRules(file.tree)[0];
  const at = first ? file.lines.lineStart(first.position.start.line) : file.source.text.length;
  const before = at > 0 && !file.source.text.slice(0, at).endsWith('\n') ? lineBreak(file) : '';
  return {
    description: `added '${daemons.join(' ')}: ${nio.join(' ')}' to hosts.allow`,
    edits: [{ start: at, end: at, text: `${before}${daemons.join(' ')}: ${nio.join(' ')}${lineBreak(file)}` }],
  };
}

/** `ALL: ALL` at the end of hosts.deny. */
function denyTheRest(file: HostsAccessFile): Fix {
  const end = file.source.text.length;
  const before = end > 0 && !file.source.text.endsWith('\n') ? lineBreak(file) : '';
  return {
    description: "added 'ALL: ALL' to hosts.deny",
    edits: [{ start: end, end, text: `${before}ALL: ALL${lineBreak(file)}` }],
  };
}

function checkTftp(context: ModuleContext, listener: Listener, nio: readonly string[]): void {
  const policy = modulePolicy(context.module.files);
  const daemons = tcpdDaemonNames(listener.daemon);
  const admits = admission(policy, daemons, listener.port, nio);
  const nioAdmitted = nio.every((address) => admits.admitted.includes(address));
  const others = admits.admitted.filter((label) => !nio.includes(label));
  if (!admits.anyone && nioAdmitted && others.length === 0 && admits.unknown.length === 0) return;
  const theNio = `the NIO (${nio.join(', ')})`;
  const service = describeListener(listener);
  let suggested = false;
  if (!nioAdmitted && policy.allow) {
    suggested = true;
    const fix = allowNio(policy.allow, daemons, nio);
    const at = fix.edits[0]!.start;
    context.report({
      file: policy.allow,
      span: { start: at, end: at },
      reason:
        `${service} does not admit ${theNio}, which needs it: ` +
        `a suggestion adds '${daemons.join(' ')}: ${nio.join(' ')}' to hosts.allow before the other rules`,
      suggestions: [fix],
    });
  }
  if (admits.anyone && policy.deny && !hasDefaultDeny(policy.deny)) {
    suggested = true;
    const end = policy.deny.source.text.length;
    context.report({
      file: policy.deny,
      span: { start: end, end },
      reason: `${service} admits ${admits.text}, not ${theNio} alone: hosts.deny does not end with 'ALL: ALL'; a suggestion adds it`,
      suggestions: [denyTheRest(policy.deny)],
    });
  }
  if (suggested) return;
  const at = reportedAt(context.module, listener);
  if (at === undefined) return;
  const remedy = [
    !nioAdmitted && `${policy.allow ? 'add to' : 'create'} hosts.allow with '${daemons.join(' ')}: ${nio.join(' ')}'`,
    admits.anyone && `${policy.deny ? 'end' : 'create'} hosts.deny with 'ALL: ALL'`,
    others.length > 0 && `take ${others.join(', ')} out of the rules that admit them to ${listener.daemon}`,
    admits.unknown.length > 0 && `replace ${admits.unknown.join(', ')} by addresses`,
  ].filter(Boolean);
  context.report({ ...at, reason: `${service} admits ${admits.text}, not ${theNio} alone; ${remedy.join(', ')}` });
}

export const tcpdNioTftp = defineRule({
  id: 'tcpd-nio-tftp',
  scope: 'module',
  severity: 'error',
  fixable: false,
  suggests: true,
  docs: {
    summary: 'with an NIO, tcpd must let only the NIO use tftp',
    rationale: [
      'The STCP ports article\'s advice for a module with an NIO: start tftpd through tcpd and "configure tcpd to',
      'allow only the NIO". With `--nio` and the NIO\'s address (`"nioAddress"` in `.vos-audit.json`, or',
      "`--nio-address`), vos-audit asks the module's `hosts.allow` and `hosts.deny` who may use tftp, under both",
      "names VOS's tcpd may give it (`tftpd`, `tftpd.pm`), and reports anything but the NIO alone.",
    ].join('\n'),
    fix: [
      'Nothing that changes who may connect is applied by `--fix`. With `--suggestions`, when the NIO is not admitted',
      'a rule for it is added before the first rule of `hosts.allow`, and when everyone is, `ALL: ALL` is added at',
      "the end of `hosts.deny`. Other clients admitted by the site's own rules are named, not removed.",
    ].join('\n'),
  },
  examples: [
    {
      title: 'A policy that admits anyone to tftp',
      options: { nio: true, nioAddress: ['10.9.9.9'] },
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': '# who may use the wrapped services\nsshd: 10.1.1.0/24\n',
        'hosts.deny': 'swat: ALL\n',
      },
      messages: [
        "hosts.deny:2:1 tftpd on udp/69 admits anyone, not the NIO (10.9.9.9) alone: hosts.deny does not end with 'ALL: ALL'; a suggestion adds it",
      ],
      output: {
        'hosts.allow': '# who may use the wrapped services\ntftpd tftpd.pm: 10.9.9.9\nsshd: 10.1.1.0/24\n',
        'hosts.deny': 'swat: ALL\nALL: ALL\n',
      },
    },
    {
      title: 'A default deny that leaves the NIO out',
      options: { nio: true, nioAddress: ['10.9.9.9'] },
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'sshd: 10.1.1.0/24\n',
        'hosts.deny': 'ALL: ALL\n',
      },
      messages: [
        'hosts.allow:1:1 tftpd on udp/69 does not admit the NIO (10.9.9.9), which needs it: ' +
          "a suggestion adds 'tftpd tftpd.pm: 10.9.9.9' to hosts.allow before the other rules",
      ],
      output: { 'hosts.allow': 'tftpd tftpd.pm: 10.9.9.9\nsshd: 10.1.1.0/24\n' },
    },
    {
      title: 'Another network admitted too',
      options: { nio: true, nioAddress: ['10.9.9.9'] },
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd: 10.9.9.9 10.2.0.0/16\n',
        'hosts.deny': 'ALL: ALL\n',
      },
      messages: [
        'inetd.conf:1:1 tftpd on udp/69 admits 10.9.9.9, 10.2.0.0/16 only, not the NIO (10.9.9.9) alone; ' +
          'take 10.2.0.0/16 out of the rules that admit them to tftpd',
      ],
    },
    {
      title: 'Only the NIO',
      options: { nio: true, nioAddress: ['10.9.9.9'] },
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd tftpd.pm: 10.9.9.9\n',
        'hosts.deny': 'ALL: ALL\n',
      },
      messages: [],
    },
  ],
  check(context) {
    const nio = context.settings.nioAddresses;
    if (!context.settings.nio || nio === undefined) return;
    for (const listener of wrappedListeners(context.module)) if (isTftp(listener)) checkTftp(context, listener, nio);
  },
});
