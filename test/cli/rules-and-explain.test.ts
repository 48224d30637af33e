import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileKinds } from '../../src/languages/registry.ts';
import { ruleIds, rules } from '../../src/rules/registry.ts';
import { expectUserError, vosAudit } from '../support/cli.ts';
import { validatorOf } from '../support/schemas.ts';

const docs = new URL('../../docs/', import.meta.url);

const validate = validatorOf('rules-list.schema.json');
const escape = '\u001b[';

describe('vos-audit rules --format', () => {
  it('json: every rule, in order, valid against docs/rules-list.schema.json', async () => {
    const result = await vosAudit(['rules', '--format', 'json']);
    expect(result.status).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(validate(list), JSON.stringify(validate.errors)).toBe(true);
    expect(list.rules.map((rule: { id: string }) => rule.id)).toEqual(ruleIds);
    expect(list.rules.filter((rule: { url?: string }) => 'url' in rule)).toEqual([]);
    const byId = (id: string) => list.rules.find((rule: { id: string }) => rule.id === id);
    const summaryOf = (id: string) => rules.find((rule) => rule.id === id)!.docs.summary;
    expect(byId('inetd-dos-tiny-service')).toMatchObject({
      severity: 'error',
      fixable: true,
      suggests: false,
      scope: 'inetd',
      summary: summaryOf('inetd-dos-tiny-service'),
    });
    expect(byId('telnet-msd-started')).toMatchObject({
      severity: 'warning',
      fixable: false,
      suggests: true,
      scope: 'module',
      summary: summaryOf('telnet-msd-started'),
    });
    expect(byId('unused-suppression')).toMatchObject({ fixable: false, scope: 'suppressions' });
  });

  it('json: with VOS_AUDIT_DOCS_URL set, each rule links its page under that address', async () => {
    const env = { NO_COLOR: '1', VOS_AUDIT_DOCS_URL: 'https://example.com/vos-audit/docs' };
    const list = JSON.parse((await vosAudit(['rules', '--format', 'json'], { env })).stdout);
    expect(validate(list), JSON.stringify(validate.errors)).toBe(true);
    expect(list.rules.map((rule: { url: string }) => rule.url)).toEqual(
      ruleIds.map((id) => `https://example.com/vos-audit/docs/rules/${id}.md`),
    );
  });

  const first = {
    id: 'x',
    severity: 'error',
    fixable: true,
    suggests: false,
    scope: 'inetd',
    summary: 's',
    url: 'https://x',
  };

  it('the schema takes as a scope every language, the module and suppressions, and nothing else', () => {
    for (const scope of [...fileKinds, 'module', 'suppressions'])
      expect(validate({ version: 1, rules: [{ ...first, scope }] }), scope).toBe(true);
    expect(validate({ version: 1, rules: [{ ...first, scope: 'shell' }] })).toBe(false);
  });

  it('the schema rejects what a reader must not be given', () => {
    expect(validate({ version: 1, rules: [first] })).toBe(true);
    expect(validate({ version: 1, rules: [{ ...first, severity: 'fatal' }] })).toBe(false);
    expect(validate({ version: 1, rules: [{ ...first, extra: 1 }] })).toBe(false);
    expect(validate({ version: 2, rules: [] })).toBe(false);
  });

  it('text (the default): a header and one row per rule; -f text is the same', async () => {
    const text = await vosAudit(['rules', '--wide']);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE +SEVERITY +FIXES +CHECKS +SUMMARY$/);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(ruleIds);
    expect((await vosAudit(['rules', '--wide', '-f', 'text'])).stdout).toBe(text.stdout);
  });

  it('refuses another format with exit 2', async () => {
    const result = await vosAudit(['rules', '--format', 'yaml']);
    expectUserError(result, "'yaml'");
  });
});

describe('vos-audit explain', () => {
  it("explains each of verify's verdicts, by the id verify prints, at the severity docs/verify.md gives", async () => {
    const verifyDocs = readFileSync(new URL('verify.md', docs), 'utf8');
    const page = await vosAudit(['explain', '--format', 'markdown', 'verify-live-port-closed']);
    expect(page.status).toBe(0);
    expect(verifyDocs).toContain('| closed | [warning](#verify-live-port-closed) |');
    expect(page.stdout.split('\n')[0]).toBe('# verify-live-port-closed');
    expect(page.stdout).toContain('- Severity: warning\n');
    const misspelt = await vosAudit(['explain', 'verify-live-port-closd']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('did you mean verify-live-port-closed?');
  });

  const id = 'inetd-unwrapped-service';
  const source = readFileSync(new URL(`rules/${id}.md`, docs), 'utf8').replace(/^<!--.*-->\n\n/, '');

  it('--format markdown prints the page’s Markdown, as in docs/rules/', async () => {
    expect(await vosAudit(['explain', '--format', 'markdown', id])).toEqual({ status: 0, stdout: source, stderr: '' });
  });

  it('renders the page for a terminal: no #, backticks or fences; headings flush left; code indented under its text', async () => {
    const { status, stdout } = await vosAudit(['explain', id]);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(id);
    expect(lines).toContain('WHY');
    expect(lines).toContain('THE FIX');
    expect(lines).toContain('EXAMPLES');
    expect(lines.filter((line) => /^\s*#{1,6} /.test(line))).toEqual([]);
    expect(stdout).not.toContain('`');
    expect(stdout).toContain('  - Fixable: yes, with --fix or --diff');
    // The first example's input, a code block: four columns further in than the example's text.
    const title = lines.indexOf('  The file has its own tcpd line for tftp');
    expect(title).toBeGreaterThan(0);
    expect(lines[title + 2]).toBe('        tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd');
    expect(stdout).not.toContain(escape);
  });

  it('uses bold and colour only on a terminal, never with NO_COLOR or --no-color', async () => {
    const onTerminal = await vosAudit(['explain', id], { isTTY: true, env: {} });
    expect(onTerminal.stdout).toContain(`${escape}1mWHY${escape}0m`);
    expect(onTerminal.stdout).toContain(`${escape}36m--fix${escape}0m`);
    expect((await vosAudit(['explain', id], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(escape);
    expect((await vosAudit(['explain', '--no-color', id], { isTTY: true, env: {} })).stdout).not.toContain(escape);
    expect((await vosAudit(['explain', '--format', 'markdown', id], { isTTY: true, env: {} })).stdout).toBe(source);
  });
});
