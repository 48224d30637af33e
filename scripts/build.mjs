// Bundles the CLI into two committed files: dist/bundle.cjs, all of src/ and its dependencies, and
// dist/vos-audit.cjs, the launcher that package.json's bin points to, which runs the bundle through V8's code cache
// (src/launcher.cts). pre-commit and `npm install -g` run no build step, so both are part of the repository;
// test/bundle.test.ts keeps them fresh. CommonJS, not ESM: Node.js starts a CommonJS entry point faster.
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minifyWhitespace: true, minifySyntax: true };

export const bundleOptions = {
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/bundle.cjs',
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"', VOS_AUDIT_VERSION: JSON.stringify(version) },
};

export const launcherOptions = {
  ...common,
  entryPoints: ['src/launcher.cts'],
  outfile: 'dist/vos-audit.cjs',
  banner: { js: '#!/usr/bin/env node' },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(bundleOptions);
  await build(launcherOptions);
  // Executable, so that `npx vos-audit` and a linked bin run it straight from a clone.
  chmodSync(launcherOptions.outfile, 0o755);
}
