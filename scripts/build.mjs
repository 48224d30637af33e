// Bundles the CLI into one committed file, dist/vos-audit.js, which package.json's bin points to. pre-commit and
// `npm install -g` run no build step, so the bundle is part of the repository; test/bundle.test.ts keeps it fresh.
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const bundleOptions = {
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"', VOS_AUDIT_VERSION: JSON.stringify(version) },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...bundleOptions, outfile: 'dist/vos-audit.js' });
  // Executable, so that `npx vos-audit` and a linked bin run it straight from a clone.
  chmodSync('dist/vos-audit.js', 0o755);
}
