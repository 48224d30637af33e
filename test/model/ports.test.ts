import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

/** Each sample module with the options that describe it; the ports JSON is the model golden, reviewed by reading. */
const modules: Array<[string, string[]]> = [
  ['stock-posix', []],
  ['hardened', ['--products', 'S270']],
  ['nio-v-series', ['--nio', '--release', '15.2']],
  ['stock-pre-14.5', ['--release', '14.4']],
  ['rsn-only-telnet', []],
];

describe('the live-port model of each sample module', () => {
  it.each(modules)('%s', async (name, options) => {
    const result = await runCli(['ports', '--format', 'json', ...options, name], samplesDir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`../fixtures/model/${name}.ports.json`);
  });
});
