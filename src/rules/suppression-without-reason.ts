import { defineRule } from './rule.ts';

export const suppressionWithoutReason = defineRule({
  id: 'suppression-without-reason',
  scope: 'suppressions',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a suppression comment must say why the finding does not apply',
    rationale: [
      "A finding can be silenced where it is reported, in the file's own comment syntax: `# vos-audit-disable-next-line",
      '<rule-id> -- <reason>` in inetd.conf, telnet_admin listings and services files, `& vos-audit-disable-next-line',
      '<rule-id> -- <reason>` in command macros, or `vos-audit-disable` for the whole file. The reason is for the next',
      'auditor: a port left open on purpose is a decision, and the file should record who decided what.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A suppression without a reason still silences, and is reported',
      input: {
        'inetd.conf':
          '# vos-audit-disable-next-line inetd-swat\nswat stream tcp nowait root >system>samba>command_library>swat.pm swat\n',
      },
      messages: [
        'inetd.conf:1:1 This suppression gives no reason: add `-- <why this finding does not apply here>` after the rule ids',
      ],
    },
  ],
  check(context) {
    for (const suppression of context.suppressions) {
      if (suppression.reason !== undefined) continue;
      context.report({
        file: suppression.file,
        span: suppression.span,
        reason: 'This suppression gives no reason: add `-- <why this finding does not apply here>` after the rule ids',
      });
    }
  },
});
