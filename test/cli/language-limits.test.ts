import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../../src/languages/registry.ts';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('each language has a size limit of its own', () => {
  it('is at least what real files need and at most the 32 MB of any read', () => {
    for (const language of languages) {
      expect(language.maxBytes, language.kind).toBeGreaterThanOrEqual(32 * 1024);
      expect(language.maxBytes, language.kind).toBeLessThanOrEqual(32 * 1024 * 1024);
    }
  });

  it('refuses a macro over its limit by name, and audits the rest of the module', async () => {
    const dir = temporaryDirectory();
    const line = "start_process 'telnet_msd.pm' -privileged\n";
    writeFileSync(join(dir, 'module_start_up.cm'), line.repeat(Math.ceil((1024 * 1024 + 1) / line.length)));
    writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
    const result = await runCli([dir], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^vos-audit: \S*module_start_up\.cm is 1\.0 MB, more than the 1 MB vos-audit reads of command macros \(module_start_up\.cm and the macros it runs\); not read\n$/,
    );
    expect(result.stdout).toContain('inetd-dos-tiny-service');
  });
});
