import { defineRule } from './rule.ts';
import { directiveSpan, globalValue, sshdSettings } from './support/sshd-settings.ts';

export const sshdRootLogin = defineRule({
  id: 'sshd-root-login',
  scope: 'module',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'sshd_config should not say `PermitRootLogin yes`',
    rationale: [
      '`PermitRootLogin yes` lets root log in over ssh with any method sshd offers, passwords included: one guessed',
      "or leaked password is the whole module. sshd's own default is `prohibit-password` (root only with a key), and",
      'sshd_config(5) offers `forced-commands-only` and `no`. Only an explicit `yes` is reported: in the global',
      'section where it is the first PermitRootLogin sshd reads (through any Include), and in a Match block, where it',
      'opens root login to the connections the block matches.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'Root may log in with a password',
      input: { sshd_config: 'Port 2222\nPermitRootLogin yes\n' },
      messages: [
        'sshd_config:2:1 PermitRootLogin yes: root may log in over ssh with a password, and one guessed password is ' +
          'the whole module; set it to prohibit-password or no',
      ],
    },
    {
      title: 'Only the first value counts: a later yes is never read',
      input: { sshd_config: 'PermitRootLogin no\nPermitRootLogin yes\n' },
      messages: [],
    },
  ],
  check(context) {
    for (const settings of sshdSettings(context.module)) {
      const global = settings.global.get('permitrootlogin');
      const inMatch = settings.lines.filter(
        (line) => line.conditions.length > 0 && line.directive.name === 'permitrootlogin',
      );
      const yes = [...(globalValue(settings, 'permitrootlogin') === 'yes' ? [global!] : []), ...inMatch].filter(
        (line) => line.directive.arguments[0]?.value.toLowerCase() === 'yes',
      );
      for (const { file, directive, conditions } of yes) {
        context.report({
          file,
          span: directiveSpan(directive),
          reason:
            `PermitRootLogin yes${conditions.length > 0 ? ` (for ${conditions.at(-1)})` : ''}: ` +
            'root may log in over ssh with a password, and one guessed password is the whole module; ' +
            'set it to prohibit-password or no',
        });
      }
    }
  },
});
