import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKinds } from '../../src/languages/registry.ts';
import { runCli } from '../support/cli.ts';
import { sampleNames, samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { validatorOf } from '../support/schemas.ts';

const validate = validatorOf('json-report.schema.json');

describe('--format json', () => {
  it.each(sampleNames())(
    'the report on samples/%s matches docs/json-report.schema.json, in check and fix modes',
    async (name) => {
      const copy = temporaryDirectory();
      cpSync(join(samplesDir, name), join(copy, name), { recursive: true });
      for (const args of [
        ['--format', 'json', name],
        ['--format', 'json', '--fix', '--suggestions', name],
      ]) {
        const report = JSON.parse((await runCli(args, copy)).stdout);
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      }
    },
  );

  it('the schema takes every kind of file, and no other', async () => {
    const report = JSON.parse((await runCli(['--format', 'json', 'stock-posix'], samplesDir)).stdout);
    for (const kind of fileKinds) {
      report.files[0].kind = kind;
      expect(validate(report), kind).toBe(true);
    }
    report.files[0].kind = 'shell';
    expect(validate(report)).toBe(false);
  });

  it('the schema rejects what it should', async () => {
    const report = JSON.parse((await runCli(['--format', 'json', 'stock-posix'], samplesDir)).stdout);
    report.files[0].messages[0].severity = 'fatal';
    expect(validate(report)).toBe(false);
  });
});

describe('--format gcc and github', () => {
  it('gcc: file:line:col: severity: message [rule-id]', async () => {
    const result = await runCli(['--format', 'gcc', 'hardened', 'stock-posix/inetd.conf'], samplesDir);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContain(
      'hardened/telnet_admin.txt:4:1: note: tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network [rsn-telnet-port]',
    );
    expect(lines).toContain(
      'stock-posix/inetd.conf:7:1: error: echo/tcp (port 7) is active: a denial-of-service vector; comment it out unless something needs it [inetd-dos-tiny-service]',
    );
    expect(result.status).toBe(1);
  });

  it('github: workflow commands with escaped properties', async () => {
    const result = await runCli(['--format', 'github', 'stock-posix/inetd.conf'], samplesDir);
    expect(result.stdout.split('\n')[0]).toBe(
      '::error file=stock-posix/inetd.conf,line=7,col=1,endLine=7,endColumn=37,title=inetd-dos-tiny-service::echo/tcp (port 7) is active: a denial-of-service vector; comment it out unless something needs it',
    );
    const notice = (await runCli(['--format', 'github', 'hardened'], samplesDir)).stdout;
    expect(notice).toMatch(/^::notice file=hardened\/telnet_admin\.txt,line=4,.*::tcp\/85 is telnetd/m);
  });
});

describe('exit codes in every mode and format', () => {
  const cases: Array<[string, string[], number]> = [];
  for (const format of ['text', 'json', 'sarif', 'gcc', 'github']) {
    cases.push([`${format}: errors`, ['--format', format, 'stock-posix'], 1]);
    cases.push([`${format}: no errors`, ['--format', format, '--products', 'S270', 'hardened'], 0]);
    cases.push([`${format}: missing path`, ['--format', format, 'nowhere'], 2]);
  }
  cases.push(['diff: errors left after the fixes', ['--diff', 'stock-pre-14.5'], 1]);
  cases.push(['diff: none left', ['--diff', 'nio-v-series/inetd.conf'], 0]);
  cases.push(['diff: missing path', ['--diff', 'nowhere'], 2]);
  for (const format of ['text', 'json', 'csv']) {
    cases.push([`ports ${format}`, ['ports', '--format', format, 'stock-posix'], 0]);
    cases.push([`ports ${format}: missing path`, ['ports', '--format', format, 'nowhere'], 2]);
  }
  cases.push(['rules', ['rules'], 0]);
  cases.push(['explain: unknown rule', ['explain', 'nothing-like-it'], 2]);
  it.each(cases)('%s', async (_title, args, status) => {
    const result = await runCli(args, samplesDir);
    expect(result.status).toBe(status);
    if (status === 2) expect(result.stderr).toMatch(/^vos-audit: [^\n]+\n$/);
    else expect(result.stderr).toBe('');
  });

  it('--fix exits 0 when the fixes leave no error, 1 when errors are left', async () => {
    const dir = temporaryDirectory();
    cpSync(samplesDir, join(dir, 'samples'), { recursive: true });
    expect((await runCli(['--fix', '--nio', 'samples/nio-v-series/inetd.conf'], dir)).status).toBe(0);
    expect((await runCli(['--fix', '--release', '14.4', 'samples/stock-pre-14.5'], dir)).status).toBe(1);
  });
});
