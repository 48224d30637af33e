import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cli, temporaryDirectory } from './cli-helpers.ts';
import { sampleNames, samplesDir } from './fixtures.ts';

const schema = JSON.parse(readFileSync(new URL('../docs/json-report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

describe('--format json', () => {
  it.each(sampleNames())('the report on samples/%s matches docs/json-report.schema.json, in check and fix modes', (name) => {
    const copy = temporaryDirectory();
    cpSync(join(samplesDir, name), join(copy, name), { recursive: true });
    for (const args of [['--format', 'json', name], ['--format', 'json', '--fix', '--suggestions', name]]) {
      const report = JSON.parse(cli(args, copy).stdout);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('the schema rejects what it should', () => {
    const report = JSON.parse(cli(['--format', 'json', 'stock-posix'], samplesDir).stdout);
    report.files[0].messages[0].severity = 'fatal';
    expect(validate(report)).toBe(false);
  });
});

describe('--format gcc and github', () => {
  it('gcc: file:line:col: severity: message [rule-id]', () => {
    const result = cli(['--format', 'gcc', 'hardened', 'stock-posix/inetd.conf'], samplesDir);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContain('hardened/telnet_admin.txt:4:1: note: tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network [rsn-telnet-port]');
    expect(lines).toContain('stock-posix/inetd.conf:7:1: error: Unexpected active tiny service echo/tcp (port 7): a denial-of-service vector; comment it out unless something needs it [inetd-dos-tiny-service]');
    expect(result.status).toBe(1);
  });

  it('github: workflow commands with escaped properties', () => {
    const result = cli(['--format', 'github', 'stock-posix/inetd.conf'], samplesDir);
    expect(result.stdout.split('\n')[0]).toBe(
      '::error file=stock-posix/inetd.conf,line=7,col=1,endLine=7,endColumn=37,title=inetd-dos-tiny-service::Unexpected active tiny service echo/tcp (port 7): a denial-of-service vector; comment it out unless something needs it',
    );
    const notice = cli(['--format', 'github', 'hardened'], samplesDir).stdout;
    expect(notice).toMatch(/^::notice file=hardened\/telnet_admin\.txt,line=4,.*::tcp\/85 is telnetd/m);
  });
});
