/** package.json's version, put in by esbuild (scripts/build.mjs) and vitest (vitest.config.ts) at build time. */
declare const VOS_AUDIT_VERSION: string;

export const version: string = VOS_AUDIT_VERSION;
