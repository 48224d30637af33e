import { defineRule } from './rule.ts';
import { reportSyntaxErrors } from './support/syntax-errors.ts';

export const macroSyntax = defineRule({
  id: 'macro-syntax',
  scope: 'macro',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'a command macro must be well formed: closed strings and calls, &if with &then, &do with &end',
    rationale: [
      'A VOS command macro that does not parse stops where the command processor gives up, so the daemons after the',
      'mistake are never started (or, with `&mode no_abort`, the lines run in an order nobody meant). vos-audit reads',
      'the rest of the macro as usual, says what it expected where, and leaves out of the port model only what it',
      'could not decide.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'An &if without &then, a &do without &end, and a call without its )',
      input: [
        '&if (software_purchased S270)',
        'start_process sshd.pm -privileged',
        '&if (exists -file x) &then &do',
        'display_line (date',
        '',
      ].join('\n'),
      messages: [
        '1:1 Unexpected end of the &if on line 1, expected &then',
        '3:28 Unexpected end of file, expected an &end for the &do on line 3',
        "4:14 Unexpected end of statement in a call opened here, expected ')'",
      ],
    },
  ],
  check: reportSyntaxErrors,
});
