import { describe, expect, it } from 'vitest';
import { auditModule } from '../../src/engine/audit.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { defaultSettings } from '../../src/model/settings.ts';
import { sourceOf } from '../support/sources.ts';

/** The sshd rules' findings on a module of these files, as rule id and file:line. */
function findings(files: Record<string, string>): string[] {
  const result = auditModule(
    {
      name: 'm',
      files: Object.entries(files).map(([name, text]) => ({ source: sourceOf(text, name), kind: kindByName(name)! })),
      settings: defaultSettings,
    },
    { fix: false },
  );
  return result.files
    .flatMap((file) => file.messages)
    .filter((message) => message.ruleId.startsWith('sshd-'))
    .map((message) => `${message.ruleId} ${message.file}:${message.place.start.line}`)
    .sort();
}

describe('the sshd rules read sshd_config as sshd does', () => {
  it('the first PermitRootLogin wins, even from an included file; a Match block yes is its own finding', () => {
    expect(
      findings({
        sshd_config: 'Include sshd_config.d/*.conf\nPermitRootLogin no\nMatch User ops\n  PermitRootLogin yes\n',
        'sshd_config.d/00-root.conf': 'PermitRootLogin yes\n',
      }),
    ).toEqual(['sshd-root-login sshd_config.d/00-root.conf:1', 'sshd-root-login sshd_config:4']);
    expect(findings({ sshd_config: 'PermitRootLogin prohibit-password\nPermitRootLogin yes\n' })).toEqual([]);
  });

  it('passwords alone: PubkeyAuthentication no, or AuthenticationMethods without a key method', () => {
    expect(findings({ sshd_config: 'PubkeyAuthentication no\nPasswordAuthentication yes\n' })).toEqual([
      'sshd-password-only sshd_config:2',
    ]);
    expect(findings({ sshd_config: 'PasswordAuthentication yes\nAuthenticationMethods publickey,password\n' })).toEqual(
      [],
    );
    expect(
      findings({
        sshd_config: 'PasswordAuthentication yes\nPubkeyAuthentication no\nGSSAPIAuthentication yes\n',
      }),
    ).toEqual([]);
    // Not explicit: sshd's default is yes, but the rule asks for the line that says so.
    expect(findings({ sshd_config: 'PubkeyAuthentication no\n' })).toEqual([]);
    expect(findings({ sshd_config: 'PasswordAuthentication no\nPubkeyAuthentication no\n' })).toEqual([]);
  });
});
