import type { Suppression } from '../model/suppressions.ts';
import { nearest } from '../util/nearest.ts';
import { defineRule } from './rule.ts';

/** Why a suppression silenced nothing of `id`: no such finding where it points, or no such rule. */
function whyUnused(suppression: Suppression, id: string, ruleIds: readonly string[]): string {
  if (!ruleIds.includes(id)) {
    const guess = nearest(id, ruleIds);
    return `${id} is not a rule${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  const where =
    suppression.line === undefined
      ? 'in this file'
      : suppression.line === 0
        ? 'after it: no line follows'
        : `on line ${suppression.line}`;
  return `no ${id} finding ${where}`;
}

export const unusedSuppression = defineRule({
  id: 'unused-suppression',
  scope: 'suppressions',
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
        'module_start_up.cm:1:1 The suppression of telnet-msd-started silences nothing: no telnet-msd-started finding on line 3; remove it',
        'module_start_up.cm:1:1 The suppression of telnet-msd silences nothing: telnet-msd is not a rule (did you mean telnet-msd-started?); remove it',
      ],
    },
  ],
  check(context) {
    for (const suppression of context.suppressions) {
      const { file, span } = suppression;
      if (suppression.ruleIds.length === 0)
        context.report({
          file,
          span,
          reason: 'This suppression names no rule: write the ids of the rules it silences after it',
        });
      for (const id of suppression.ruleIds) {
        if (suppression.used.has(id)) continue;
        context.report({
          file,
          span,
          reason: `The suppression of ${id} silences nothing: ${whyUnused(suppression, id, context.ruleIds)}; remove it`,
        });
      }
    }
  },
});
