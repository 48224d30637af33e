import { readRules, type HostsPattern } from '../syntax/hosts-access.ts';
import { defineRule } from './rule.ts';

function onlyAll(list: readonly HostsPattern[]): boolean {
  return (
    list.length > 0 &&
    list.every((p) => p.kind === 'wildcard' && p.pattern.toLowerCase() === 'all' && p.qualifier === undefined)
  );
}

export const hostsAllowAll = defineRule({
  id: 'hosts-allow-all',
  scope: 'hosts-access',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: '`ALL: ALL` in hosts.allow admits every client to every wrapped service',
    rationale: [
      '`ALL: ALL` in `hosts.allow` grants every request that reaches it, so no rule after it and nothing in',
      '`hosts.deny` is ever read: every service run through tcpd is open to anyone. hosts_options(5) writes',
      '`ALL: ALL: DENY` as the last rule of a single-file policy; that one (or `twist`) is not reported.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'Everyone, first',
      input: { 'hosts.allow': 'ALL: ALL\ntftpd: 10.9.9.9\n' },
      messages: [
        "hosts.allow:1:1 'ALL: ALL' in hosts.allow lets every client use every service run through tcpd, " +
          'and no rule after it nor hosts.deny is read; list the clients each service needs',
      ],
    },
    { title: 'The single-file default', input: { 'hosts.allow': 'tftpd: 10.9.9.9\nALL: ALL: DENY\n' }, messages: [] },
  ],
  check(context) {
    const { file } = context;
    if (!/(^|\/)hosts\.allow$/i.test(file.source.path)) return;
    for (const rule of readRules(file.tree)) {
      if (!onlyAll(rule.daemons) || !onlyAll(rule.clients)) continue;
      if (rule.options.some((o) => o.problem !== undefined || ['deny', 'twist'].includes(o.keyword.toLowerCase())))
        continue;
      context.report({
        span: { start: rule.start, end: rule.end },
        reason:
          "'ALL: ALL' in hosts.allow lets every client use every service run through tcpd, " +
          'and no rule after it nor hosts.deny is read; list the clients each service needs',
      });
    }
  },
});
