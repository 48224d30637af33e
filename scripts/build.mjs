// Bundles the CLI into two committed files: dist/bundle.js, all of src/ and its dependencies, and
// dist/vos-audit.js, the launcher that package.json's bin points to, which runs the bundle through V8's code cache
// (src/bin/launcher.cts). pre-commit and `npm install -g` run no build step, so both are part of the repository;
// test/dist/bundle.test.ts keeps them fresh. CommonJS, not ESM: Node.js starts a CommonJS entry point faster
// (dist/package.json says so for the .js files there, so that bin keeps its path).
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifyWhitespace: true,
  minifySyntax: true,
};

/**
 * Node.js modules that cost milliseconds to load and that most runs never use: commander's child_process (for
 * subcommands run as programs, which vos-audit has none of) and crypto (SARIF fingerprints). The bundle gets a
 * stand-in for each, with the module's names as getters that load it when one is first read (getters, not a proxy:
 * esbuild copies a module's own names when an ES module imports it).
 */
const loadedOnUse = ['node:child_process', 'node:crypto'];

const loadOnUse = {
  name: 'load-on-use',
  setup(builder) {
    const filter = new RegExp(`^(?:${loadedOnUse.join('|')})$`);
    builder.onResolve({ filter }, (args) =>
      args.namespace === 'load-on-use'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'load-on-use' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'load-on-use' }, async (args) => ({
      contents: [
        `const load = () => require(${JSON.stringify(args.path)});`,
        `for (const key of ${JSON.stringify(Object.keys(await import(args.path)).filter((key) => key !== 'default'))}) {`,
        '  Object.defineProperty(module.exports, key, { enumerable: true, get: () => load()[key] });',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Bundled packages whose top level costs milliseconds and that most runs never reach: string-width compiles
 * Unicode-property regular expressions and an Intl.Segmenter as it loads (bench/README.md measures what that cost
 * `--version`), and is called only for text that is not printable ASCII (src/report/cells.ts). Each is still bundled,
 * but behind a stand-in whose default export requires it when first called: esbuild then runs the package's top
 * level on that require instead of at start-up.
 */
const initialisedOnUse = ['string-width'];

const initialiseOnUse = {
  name: 'initialise-on-use',
  setup(builder) {
    const filter = new RegExp(`^(?:${initialisedOnUse.join('|')})$`);
    builder.onResolve({ filter }, (args) =>
      args.namespace === 'initialise-on-use' ? undefined : { path: args.path, namespace: 'initialise-on-use' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'initialise-on-use' }, (args) => ({
      contents: [
        'let loaded;',
        `export default (...args) => (loaded ??= require(${JSON.stringify(args.path)}).default)(...args);`,
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

export const bundleOptions = {
  ...common,
  entryPoints: ['src/bin/main.ts'],
  outfile: 'dist/bundle.js',
  legalComments: 'eof',
  plugins: [loadOnUse, initialiseOnUse],
  define: { 'process.env.NODE_ENV': '"production"', VOS_AUDIT_VERSION: JSON.stringify(version) },
  // src/cli/version.ts reads package.json through import.meta only when VOS_AUDIT_VERSION is not defined, as when the
  // source is run with tsx; the define above makes that branch dead, and esbuild drops it.
  logOverride: { 'empty-import-meta': 'silent' },
};

/** The launcher for a bundle: it keys its code cache by the bundle's digest, which it need not compute at each run. */
export function launcherOptions(bundleText) {
  const digest = createHash('sha256').update(bundleText).digest('hex');
  return {
    ...common,
    entryPoints: ['src/bin/launcher.cts'],
    outfile: 'dist/vos-audit.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { BUNDLE_DIGEST: JSON.stringify(digest) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { commandLine } = await import('./lib/command-line.mjs');
  commandLine({
    usage: 'usage: node scripts/build.mjs   (npm run build)',
    about: 'Bundles src/ into dist/bundle.js and dist/vos-audit.js with esbuild.',
  });
  const bundle = await build({ ...bundleOptions, write: false });
  const bundleText = bundle.outputFiles[0].text;
  writeFileSync(bundleOptions.outfile, bundleText);
  const launcher = launcherOptions(bundleText);
  await build(launcher);
  // Executable, so that `npx vos-audit` and a linked bin run it straight from a clone.
  chmodSync(launcher.outfile, 0o755);
}
