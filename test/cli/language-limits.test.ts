import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliStreams } from '../../src/cli/program.ts';
import { languages } from '../../src/languages/registry.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function audit(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams: CliStreams = {
    stdout: { write: (chunk) => (stdout += String(chunk)) },
    stderr: { write: (chunk) => (stderr += chunk) },
    env: { NO_COLOR: '1' },
    readStandardInput: () => Buffer.alloc(0),
  };
  const status = await main(['node', 'vos-audit', ...args], streams);
  return { status, stdout, stderr };
}

describe('each language has a size limit of its own', () => {
  it('is at least what real files need and at most the 32 MB of any read', () => {
    for (const language of languages) {
      expect(language.maxBytes, language.kind).toBeGreaterThanOrEqual(1024 * 1024);
      expect(language.maxBytes, language.kind).toBeLessThanOrEqual(32 * 1024 * 1024);
    }
  });

  it('refuses a macro over its limit by name, and audits the rest of the module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vos-audit-limits-'));
    made.push(dir);
    const line = "start_process 'telnet_msd.pm' -privileged\n";
    writeFileSync(join(dir, 'module_start_up.cm'), line.repeat(Math.ceil((1024 * 1024 + 1) / line.length)));
    writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
    const result = await audit([dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^vos-audit: \S*module_start_up\.cm is 1\.0 MB, more than the 1 MB vos-audit reads of command macros \(module_start_up\.cm and the macros it runs\); not read\n$/);
    expect(result.stdout).toContain('inetd-dos-tiny-service');
  });
});
