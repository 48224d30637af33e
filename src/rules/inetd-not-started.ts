import { defineRule } from './rule.ts';

export const inetdNotStarted = defineRule({
  id: 'inetd-not-started',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: "an inetd.conf is only live if the module's macros start STCP (and with it inetd)",
    rationale: [
      'inetd is started by `start_stcp.cm` with the rest of STCP. When the module start-up macros given never run',
      'start_stcp (or run it only from a commented-out or dead line), none of the inetd.conf entries is live, and the',
      'findings on them describe a file that does nothing. Either the macros are not the ones the module runs, or',
      'STCP is started some other way that vos-audit cannot see; both are worth a look.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'start_stcp commented out',
      input: {
        'module_start_up.cm': '& !(master_disk)>system>stcp>start_stcp.cm\n',
        'inetd.conf': 'echo stream tcp nowait root internal\n',
      },
      messages: [
        'inetd.conf:1:1 inetd.conf has no effect: ' +
          "the module's macros never start inetd (start_stcp is not run), so none of its entries is live; " +
          'run start_stcp from module_start_up.cm if inetd should run',
      ],
    },
  ],
  check(context) {
    const { model, files } = context.module;
    if (model.inetd === undefined || model.inetd.state !== 'off') return;
    for (const file of files) {
      if (file.kind !== 'inetd') continue;
      context.report({
        file,
        span: { start: 0, end: 0 },
        reason:
          "inetd.conf has no effect: the module's macros never start inetd (start_stcp is not run), " +
          'so none of its entries is live; run start_stcp from module_start_up.cm if inetd should run',
      });
    }
  },
});
