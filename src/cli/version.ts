import { readFileSync } from 'node:fs';

/** package.json's version, put in by esbuild at build time (scripts/build.mjs); absent when the source is run. */
declare const VOS_AUDIT_VERSION: string | undefined;

/** The version in package.json, read from the source tree: `npx tsx src/bin/main.ts` has no build to put it in. */
function sourceTreeVersion(): string {
  const packageJson = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

export const version: string = typeof VOS_AUDIT_VERSION === 'string' ? VOS_AUDIT_VERSION : sourceTreeVersion();
