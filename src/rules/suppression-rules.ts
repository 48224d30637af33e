import type { ModuleRule } from './rule.ts';

/** Reported by the suppression pass in src/suppressions.ts, after every other rule has run; check() has nothing to do. */
const reportedBySuppressionPass = (): void => undefined;

export const suppressionWithoutReason: ModuleRule = {
  id: 'suppression-without-reason',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a suppression comment must say why the finding does not apply',
    rationale: [
      'A finding can be silenced where it is reported, in the file\'s own comment syntax: `# vos-audit-disable-next-line',
      '<rule-id> -- <reason>` in inetd.conf, telnet_admin listings and services files, `& vos-audit-disable-next-line',
      '<rule-id> -- <reason>` in command macros, or `vos-audit-disable` for the whole file. The reason is for the next',
      'auditor: a port left open on purpose is a decision, and the file should record who decided what.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A suppression without a reason still silences, and is reported',
      input: { 'inetd.conf': '# vos-audit-disable-next-line inetd-swat\nswat stream tcp nowait root >system>samba>command_library>swat.pm swat\n' },
      messages: ['inetd.conf:1:1 Unexpected suppression without a reason, expected `-- <why this finding does not apply here>` after the rule ids'],
    },
  ],
  check: reportedBySuppressionPass,
};

export const unusedSuppression: ModuleRule = {
  id: 'unused-suppression',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a suppression comment must silence a finding',
    rationale: [
      'A suppression whose finding is gone (the line was fixed, or the rule no longer reports it) would silently hide',
      'the next finding of that rule on that line. A suppression of an id that is no rule silences nothing at all.',
      'Remove them, so that what the file says is silenced is what is.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'The start line below was commented out since, and one id is misspelt',
      input: {
        'module_start_up.cm': [
          '& vos-audit-disable-next-line telnet-msd-started, telnet-msd -- order entry still uses forms (ticket 4711)',
          '& start_process telnet_msd.pm',
          "display_line 'started'",
          '',
        ].join('\n'),
      },
      messages: [
        'module_start_up.cm:1:1 Unexpected unused suppression of telnet-msd-started: no telnet-msd-started finding on line 3; remove it',
        'module_start_up.cm:1:1 Unexpected unused suppression of telnet-msd: telnet-msd is not a rule (did you mean telnet-msd-started?); remove it',
      ],
    },
  ],
  check: reportedBySuppressionPass,
};
