import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kindByContent, kindByName, languages } from '../src/languages/registry.ts';

const root = new URL('..', import.meta.url);
const hooks = readFileSync(new URL('.pre-commit-hooks.yaml', root), 'utf8');
const hookPatterns = [...hooks.matchAll(/^\s*files: '(.*)'$/gm)].map((match) => new RegExp(match[1]!));
const schema = JSON.parse(readFileSync(new URL('docs/json-report.schema.json', root), 'utf8'));

/** The `enum` of every `kind` property anywhere in the schema. */
function kindEnums(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { kind?: { enum?: string[] } }).kind?.enum ?? [];
  return [...own, ...Object.values(node).flatMap(kindEnums)];
}
const schemaKinds = kindEnums(schema);

/** A file name each language's `names` stands for: `*.cm` becomes `module_start_up.cm`, `telnet_admin*` `telnet_admin.txt`. */
function examplesOf(names: string): string[] {
  return names.split(', ').map((name) => name.replace(/^\*/, 'module_start_up').replace(/\*$/, '.txt'));
}

describe.each(languages.map((language) => [language.kind, language] as const))('language %s', (kind, language) => {
  it('is in the JSON schema’s kind enum', () => {
    expect(schemaKinds).toContain(kind);
  });

  it.each(examplesOf(language.names))('%s is read by its name, in any directory, and staged files of that name run both pre-commit hooks', (name) => {
    expect(kindByName(`m1/system/stcp/${name}`)).toBe(kind);
    expect(hookPatterns).toHaveLength(2);
    for (const pattern of hookPatterns) expect(pattern.test(`m1/system/stcp/${name}`)).toBe(true);
  });
});

describe('hosts.allow and hosts.deny', () => {
  it('are told from their content when named otherwise, and other languages are not taken for them', () => {
    expect(kindByContent('# policy\ntftpd tftpd.pm: 10.9.9.9\n')).toBe('hosts-access');
    expect(kindByContent('ALL: ALL\n')).toBe('hosts-access');
    expect(kindByContent('telnet 23/tcp\n')).toBe('services');
    expect(kindByContent('tftp dgram udp wait root internal\n')).toBe('inetd');
    expect(kindByName('hosts.equiv')).toBeUndefined();
  });
});
