// The lists of kinds outside the code, made from the language registry: `npm run docs` writes them and
// test/languages/lists.test.ts fails when a committed one is stale.
import { configName } from '../../src/cli/config.ts';
import { fileKinds, languages } from '../../src/languages/registry.ts';

export const hooksPath = '.pre-commit-hooks.yaml';
export const fileKindsSchemaPath = 'docs/file-kinds.schema.json';

/** The pre-commit hooks' `files:` pattern: every language's file names and the configuration's, in any directory. */
export function hooksFilesPattern(): string {
  const names = [...languages.map((language) => language.fileName), configName.replace(/\./g, '\\.')];
  return `(^|/)(${names.join('|')})$`;
}

/** The hooks file with each hook's `files:` pattern made from the registry. */
export function withHooksPattern(hooks: string): string {
  return hooks.replace(/^(\s*files: )'.*'$/gm, (_line, key: string) => `${key}'${hooksFilesPattern()}'`);
}

/** The JSON schema of a file kind, which the JSON report's and the rule list's schemas refer to. */
export function fileKindsSchema(): string {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'file-kinds.schema.json',
    title: 'vos-audit file kind',
    description:
      'A language vos-audit reads, by kind: what --kind takes, a file\'s "kind" in the JSON report, a rule\'s "scope". Written by `npm run docs` from src/languages/registry.ts.',
    enum: fileKinds,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
