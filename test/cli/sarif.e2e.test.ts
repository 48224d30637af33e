import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { edit, twoModules, uncommentEcho } from '../support/git-repository.ts';
import { sampleNames, samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** Microsoft's SARIF Multitool, installed from npm for this test run only, so the hook install stays light. */
const multitoolVersion = '5.7.0';
let multitool = '';

beforeAll(() => {
  const dir = temporaryDirectory('sarif-multitool-');
  const install = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      dir,
      `@microsoft/sarif-multitool@${multitoolVersion}`,
    ],
    { encoding: 'utf8' },
  );
  expect(install.status, install.stderr).toBe(0);
  multitool = join(dir, 'node_modules', '.bin', 'sarif-multitool');
}, 600_000);

const options: Record<string, string[]> = { 'nio-v-series': ['--nio'], 'stock-pre-14.5': ['--release', '14.4'] };

/**
 * What the SARIF Multitool says of a log, one line per error or warning: none is the pass. `unlessNamed` leaves out
 * SARIF2005 (the tool names no informationUri): vos-audit has no public address, and names one only when
 * VOS_AUDIT_DOCS_URL gives it, which the last test checks with nothing left out.
 */
function complaints(sarif: string, allowed: 'everything' | 'unlessNamed' = 'unlessNamed'): string[] {
  const dir = temporaryDirectory('sarif-');
  writeFileSync(join(dir, 'log.sarif'), sarif);
  const run = spawnSync(multitool, ['validate', 'log.sarif', '--output', 'validation.sarif'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  const log = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8'));
  const results: Array<{ ruleId: string; level?: string; message: { text: string } }> = log.runs[0].results ?? [];
  return results
    .filter((r) => allowed === 'everything' || r.ruleId !== 'SARIF2005')
    .map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? ''}\n${run.stdout}`);
}

describe('--format sarif', () => {
  it.each(sampleNames())(
    'the SARIF of samples/%s passes the SARIF Multitool with no error and no warning',
    async (name) => {
      const result = await runCli(['--format', 'sarif', ...(options[name] ?? []), name], samplesDir);
      expect(result.stderr).toBe('');
      expect(complaints(result.stdout)).toEqual([]);
    },
  );

  it('the SARIF of a file read from standard input passes it too', async () => {
    const result = await runCli(
      ['--format', 'sarif', '-'],
      samplesDir,
      readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'), 'utf8'),
    );
    expect(JSON.parse(result.stdout).runs[0].artifacts[0].location.uri).toBe('-');
    expect(complaints(result.stdout)).toEqual([]);
  });
});

describe('--baseline --format sarif', () => {
  it('with every result marked new, unchanged or absent, passes the SARIF Multitool', async () => {
    const repo = twoModules('sarif');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    rmSync(join(repo.dir, 'modules/m2/telnet_admin.txt'));
    const result = await runCli(['--baseline', 'HEAD', '--format', 'sarif', 'modules'], repo.dir);
    expect(result.stderr).toBe('');
    const states = JSON.parse(result.stdout).runs[0].results.map((r: { baselineState: string }) => r.baselineState);
    expect(new Set(states)).toEqual(new Set(['new', 'unchanged', 'absent']));
    expect(complaints(result.stdout)).toEqual([]);
  });
});

describe('verify --format sarif', () => {
  it('the SARIF of verify passes the SARIF Multitool, with the configuration evidence as related locations', async () => {
    const scan = new URL('../fixtures/nmap/filtered.xml', import.meta.url).pathname;
    const result = await runCli(
      ['verify', '--scan', scan, '--address', '10.1.2.3', '--format', 'sarif', 'stock-posix'],
      samplesDir,
    );
    expect(result.stderr).toBe('');
    const run = JSON.parse(result.stdout).runs[0];
    expect(run.results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations ?? []).length > 0)).toBe(true);
    expect(complaints(result.stdout)).toEqual([]);
  });
});

describe('--format sarif with VOS_AUDIT_DOCS_URL', () => {
  it("names the docs as the tool's informationUri and each rule's helpUri, and passes with nothing left out", async () => {
    const env = { VOS_AUDIT_DOCS_URL: 'https://example.com/vos-audit/docs/' };
    const result = await runCli(['--format', 'sarif', 'stock-posix'], samplesDir, '', env);
    expect(JSON.parse(result.stdout).runs[0].tool.driver.informationUri).toBe(env.VOS_AUDIT_DOCS_URL);
    expect(complaints(result.stdout, 'everything')).toEqual([]);
  });
});
