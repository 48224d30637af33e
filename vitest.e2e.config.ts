import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.ts';

/**
 * `npm run test:e2e`: the tests that start real processes and tools (the launcher and its code cache, pre-commit,
 * the SARIF Multitool, tcpdmatch, nmap, nft, iptables-restore, aclgen, the bench scripts); .ci/run installs the
 * Debian packages they need.
 */
export default defineConfig({
  test: { ...common, include: ['test/**/*.e2e.test.ts'], exclude: ['**/node_modules/**'] },
});
