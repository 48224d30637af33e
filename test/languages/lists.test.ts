import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fileKinds, kindByName, languages } from '../../src/languages/registry.ts';
import {
  fileKindsSchema,
  fileKindsSchemaPath,
  hooksFilesPattern,
  hooksPath,
  withHooksPattern,
} from '../../scripts/lib/kind-lists.ts';
import { samplePaths } from '../support/sources.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const stale = (path: string) => `${path} is stale: run \`npm run docs\``;

it(`${fileKindsSchemaPath} lists the registry's kinds`, () => {
  expect(read(fileKindsSchemaPath) === fileKindsSchema(), stale(fileKindsSchemaPath)).toBe(true);
});

it(`both hooks of ${hooksPath} take the files of every language in the registry`, () => {
  const hooks = read(hooksPath);
  expect(hooks.match(/^\s*files: /gm)).toHaveLength(2);
  expect(hooks === withHooksPattern(hooks), stale(hooksPath)).toBe(true);
});

it("the hooks' pattern takes the files the registry knows by name and the configuration, in any directory, and no others", () => {
  const pattern = new RegExp(hooksFilesPattern());
  const named = [...samplePaths(), ...languages.map((language) => language.exampleName)].filter(
    (path) => kindByName(path) !== undefined,
  );
  for (const path of named) {
    expect(path, kindByName(path)).toMatch(pattern);
    expect(`m1/system/${path}`).toMatch(pattern);
  }
  for (const path of ['.vos-audit.json', 'modules/.vos-audit.json', 'm1/.vos-audit.json'])
    expect(path).toMatch(pattern);
  for (const path of ['README.md', 'inetd.conf.orig', 'm1/hosts.equiv', 'services/notes.txt', 'x.vos-audit.json'])
    expect(path).not.toMatch(pattern);
});

it("the README's --kind option lists every kind, in the registry's order", () => {
  const row = /^\| `--kind FILE=KIND` \| (.*)$/m.exec(read('README.md'))![1]!;
  expect([...row.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])).toEqual(fileKinds);
});
