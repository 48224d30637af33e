import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/rules/registry.ts';
import { runCli, vosAudit } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The hosts a URL may name, each because it is known to answer: the project itself has no public address, so none
 * of its own may appear.
 */
const resolving: Record<string, string> = {
  'json-schema.org': "JSON Schema's published meta-schemas ($schema of docs/*.schema.json)",
  'json.schemastore.org': "SchemaStore's copy of the SARIF 2.1.0 schema (a SARIF log's $schema)",
  'no-color.org': 'the NO_COLOR convention',
  'example.com': 'the domain reserved for examples (RFC 2606), for VOS_AUDIT_DOCS_URL',
};

/** What the repository ships or the tool prints from: its sources, docs, samples and metadata (not dependencies). */
const shipped = ['README.md', 'package.json', '.pre-commit-hooks.yaml', 'src', 'scripts', 'grammar', 'docs', 'samples'];

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => filesUnder(join(path, name)));
}

/** Each web address in the text, as `host` (URL templates such as `http://[${…}]/` are not addresses). */
const hostsIn = (text: string) => [...text.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1]!.toLowerCase());

const unknownHosts = (text: string) => hostsIn(text).filter((host) => !(host in resolving));

describe('no URL that does not resolve', () => {
  it('in any file the repository ships', () => {
    const found = shipped
      .flatMap(filesUnder)
      .filter((path) => !path.endsWith('.png'))
      .flatMap((path) => unknownHosts(readFileSync(join(root, path), 'utf8')).map((host) => `${path}: ${host}`));
    expect(found).toEqual([]);
  });

  it.each([
    '--format json stock-posix',
    '--format sarif stock-posix',
    'rules --format json',
    'ports -f json stock-posix',
  ])('in what `vos-audit %s` prints, with no VOS_AUDIT_DOCS_URL', async (args) => {
    const result = await vosAudit(args.split(' '), { cwd: samplesDir });
    expect(result.stdout).not.toBe('');
    expect(unknownHosts(result.stdout + result.stderr)).toEqual([]);
  });

  it('every rule is explained offline: `explain` prints its page', async () => {
    for (const id of ruleIds) {
      const result = await runCli(['explain', '--format', 'markdown', id], root);
      expect(result.status, id).toBe(0);
      expect(result.stdout, id).toMatch(new RegExp(`^# ${id}\\n`));
    }
  });
});
