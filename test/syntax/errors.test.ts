import { describe, expect, it } from 'vitest';
import { fileKinds } from '../../src/languages/registry.ts';
import { treeOf } from '../support/languages.ts';
import { sourcesOfKind } from '../support/sources.ts';

describe('every error explains itself', () => {
  it.each(fileKinds.map((kind) => [kind] as const))(
    '%s: each parse error says what was found and what was expected',
    (kind) => {
      const errors = sourcesOfKind(kind).flatMap(([, source]) => treeOf(kind, source.text).errors);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.message).toMatch(/^Unexpected .+, expected .+/);
        expect(error.expected.length).toBeGreaterThan(0);
        expect(error.position.start.line).toBeGreaterThanOrEqual(1);
      }
    },
  );
});
