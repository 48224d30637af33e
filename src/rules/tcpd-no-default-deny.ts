import { modulePolicy } from '../model/tcpd-module-policy.ts';
import { defineRule } from './rule.ts';
import { reportedAt } from './support/listeners.ts';
import { describeListener, hasDefaultDeny, wrappedListeners } from './support/tcpd.ts';

/** The file's last line, where 'ALL: ALL' is missing: a place in the file, not the empty one after its last newline. */
function lastLine(text: string): { start: number; end: number } {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  return { start: text.lastIndexOf('\n', end - 1) + 1, end };
}

export const tcpdNoDefaultDeny = defineRule({
  id: 'tcpd-no-default-deny',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a module that runs services through tcpd should end hosts.deny with ALL: ALL',
    rationale: [
      'tcpd admits every client that no rule decides. The "mostly closed" policy of hosts_access(5) makes the',
      'default a refusal: `ALL: ALL` in `hosts.deny`, and in `hosts.allow` only the clients each service needs. Then',
      'a service routed through tcpd later, or a daemon name misspelt in `hosts.allow`, fails closed rather than open.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'Wrapped services and no hosts.deny',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd: 10.9.9.9\n',
      },
      messages: [
        'inetd.conf:1:1 tcpd has no default: ' +
          'there is no hosts.deny, so tcpd admits every client hosts.allow does not name (tftpd on udp/69 and ' +
          "any service wrapped later); create hosts.deny with 'ALL: ALL'",
      ],
    },
    {
      title: 'hosts.deny without its last rule',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd: 10.9.9.9\n',
        'hosts.deny': 'tftpd: ALL\n',
      },
      messages: [
        "hosts.deny:1:1 hosts.deny does not end with 'ALL: ALL': " +
          "tcpd admits every client that no rule names to any service wrapped now or later; end hosts.deny with 'ALL: ALL'",
      ],
    },
  ],
  check(context) {
    const [first] = wrappedListeners(context.module);
    const { allow, deny } = modulePolicy(context.module.files);
    // Without either file the policy is not known (it may be kept elsewhere): the model says so.
    if (first === undefined || (allow === undefined && deny === undefined)) return;
    if (deny !== undefined) {
      if (hasDefaultDeny(deny)) return;
      context.report({
        file: deny,
        span: lastLine(deny.source.text),
        reason:
          "hosts.deny does not end with 'ALL: ALL': " +
          "tcpd admits every client that no rule names to any service wrapped now or later; end hosts.deny with 'ALL: ALL'",
      });
      return;
    }
    const at = reportedAt(context.module, first);
    if (at === undefined) return;
    context.report({
      ...at,
      reason:
        `tcpd has no default: there is no hosts.deny, ` +
        `so tcpd admits every client hosts.allow does not name (${describeListener(first)} and any service ` +
        `wrapped later); create hosts.deny with 'ALL: ALL'`,
    });
  },
});
