import { dependsOnName } from '../model/tcpd-policy.ts';
import { readRules, type HostsPattern } from '../syntax/hosts-access.ts';
import { defineRule } from './rule.ts';

function why(pattern: HostsPattern): string {
  if (pattern.kind === 'netgroup') return 'an NIS netgroup: it matches only when NIS answers';
  if (pattern.kind === 'wildcard')
    return `a pattern that depends on DNS: it asks whether the client's name lookups succeed and agree`;
  return 'a host name pattern: it matches only when DNS answers, and a forged reverse record can make it match';
}

export const hostsAccessDnsPattern = defineRule({
  id: 'hosts-access-dns-pattern',
  scope: 'hosts-access',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'client patterns that depend on DNS (or NIS) change with the name service',
    rationale: [
      'Host names, `.domain` suffixes, `KNOWN`, `UNKNOWN`, `LOCAL`, `PARANOID` and `@netgroup` patterns are matched',
      'against what the name service says about the client. A name server that is down, slow or lying changes who',
      'tcpd admits, and hosts_access(5) itself warns that names "may be unavailable due to temporary name server',
      'problems". On a module whose policy guards tftp or bootp, write addresses and networks (`10.9.9.9`,',
      '`10.9.9.0/24`). vos-audit never looks names up, so `vos-audit tcpdmatch` also says where one could change',
      'its answer.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A domain and KNOWN',
      input: 'tftpd: .example.com KNOWN 10.9.9.9\n',
      messages: [
        "1:8 '.example.com' is a host name pattern: " +
          'it matches only when DNS answers, and a forged reverse record can make it match; write the address or network instead',
        "1:21 'KNOWN' is a pattern that depends on DNS: it asks whether the client's name lookups succeed and agree; write the address or network instead",
      ],
    },
    { title: 'Addresses only', input: 'tftpd: 10.9.9.9 10.9.8.0/24 [2001:db8::]/32\n', messages: [] },
  ],
  check(context) {
    for (const rule of readRules(context.file.tree)) {
      for (const pattern of rule.clients.filter(dependsOnName)) {
        context.report({
          span: { start: pattern.start, end: pattern.end },
          reason: `'${pattern.value}' is ${why(pattern)}; write the address or network instead`,
        });
      }
    }
  },
});
