import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * ESLint for the project's own TypeScript (src/, grammar/, test/): ESLint's recommended rules and typescript-eslint's
 * recommended rules with type information. Each exception below says why; a single line that breaks a rule for a
 * reason says so where it is (`// eslint-disable-next-line RULE -- reason`).
 */
export default tseslint.config(
  { ignores: ['test/fixtures/'] },
  {
    files: ['src/**/*.ts', 'src/**/*.cts', 'grammar/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A property is left out of a copy by destructuring it away: `const { check: _check, ...meta } = spec`.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // vos-audit escapes or replaces control characters on purpose (report/printable.ts, firewall comments, the tests
      // of hostile input): a regular expression that names them is the point there, not a slip.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read what vos-audit prints (JSON.parse gives `any`) and assert on it with expect: the assertion is the
      // check of its shape, and a declared type for every document a test reads would state it a second time.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests take methods off their objects to spy on them, restore them or hand them to expect(…).toHaveBeenCalled.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
