import { readFileSync } from 'node:fs';

/**
 * package.json's version, put in by esbuild (scripts/build.mjs) and vitest (vitest.config.ts) at build time, and
 * read from package.json when the source runs as it is (`npx tsx`, the robustness bench).
 */
declare const VOS_AUDIT_VERSION: string | undefined;

export const version: string =
  typeof VOS_AUDIT_VERSION === 'string'
    ? VOS_AUDIT_VERSION
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
