import { defineRule } from './rule.ts';
import { directiveSpan, globalValue, sshdSettings, type SshdSettings } from './support/sshd-settings.ts';

/** Methods that prove who logs in with something other than a password (sshd_config(5)'s method names). */
const keyMethods = new Set(['publickey', 'hostbased', 'gssapi-with-mic']);

/**
 * Whether sshd, as configured, accepts no method but a password (or keyboard-interactive, which asks for one):
 * every AuthenticationMethods list is made of those, or, without AuthenticationMethods, public keys are turned off
 * and neither hostbased nor GSSAPI authentication is turned on (both are off by default).
 */
function passwordOnly(settings: SshdSettings): boolean {
  const methods = settings.global.get('authenticationmethods')?.directive.arguments.map((a) => a.value);
  if (methods !== undefined && !(methods.length === 1 && methods[0] === 'any'))
    return methods.every((list) => list.split(',').every((method) => !keyMethods.has(method.split(':')[0]!)));
  return (
    globalValue(settings, 'pubkeyauthentication') === 'no' &&
    globalValue(settings, 'hostbasedauthentication') !== 'yes' &&
    globalValue(settings, 'gssapiauthentication') !== 'yes'
  );
}

export const sshdPasswordOnly = defineRule({
  id: 'sshd-password-only',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'sshd should not accept passwords as its only way in',
    rationale: [
      'With `PasswordAuthentication yes` and no key-based method, anyone who can reach the port can guess passwords,',
      'and every account is only as strong as its password. vos-audit reports it when sshd_config says',
      '`PasswordAuthentication yes` (the first value sshd reads, outside Match blocks) and either every list of',
      '`AuthenticationMethods` is made only of `password` and `keyboard-interactive` (which asks for a password too),',
      'or, without AuthenticationMethods, `PubkeyAuthentication no` with neither `HostbasedAuthentication yes` nor',
      '`GSSAPIAuthentication yes`. Turn public keys on (their default), or require one with',
      '`AuthenticationMethods publickey,password`.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'Public keys turned off, passwords on',
      input: { sshd_config: 'PasswordAuthentication yes\nPubkeyAuthentication no\n' },
      messages: [
        'sshd_config:1:1 PasswordAuthentication yes with no key-based method: anyone who reaches the port can ' +
          'guess passwords; turn PubkeyAuthentication on, or require a key with AuthenticationMethods publickey,password',
      ],
    },
    {
      title: 'AuthenticationMethods that never ask for a key',
      input: { sshd_config: 'PasswordAuthentication yes\nAuthenticationMethods password keyboard-interactive\n' },
      messages: [
        'sshd_config:1:1 PasswordAuthentication yes with no key-based method: anyone who reaches the port can ' +
          'guess passwords; turn PubkeyAuthentication on, or require a key with AuthenticationMethods publickey,password',
      ],
    },
    {
      title: 'Passwords beside public keys (the default) are not reported',
      input: { sshd_config: 'PasswordAuthentication yes\n' },
      messages: [],
    },
  ],
  check(context) {
    for (const settings of sshdSettings(context.module)) {
      const line = settings.global.get('passwordauthentication');
      if (line === undefined || globalValue(settings, 'passwordauthentication') !== 'yes' || !passwordOnly(settings))
        continue;
      context.report({
        file: line.file,
        span: directiveSpan(line.directive),
        reason:
          'PasswordAuthentication yes with no key-based method: anyone who reaches the port can guess passwords; ' +
          'turn PubkeyAuthentication on, or require a key with AuthenticationMethods publickey,password',
      });
    }
  },
});
