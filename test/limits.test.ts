import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInetd } from '../src/syntax/inetd.ts';
import { parseMacro } from '../src/syntax/macro.ts';
import { cli, temporaryDirectory } from './cli-helpers.ts';
import { samplesDir } from './fixtures.ts';
import { relexed } from './relex.ts';

describe('inputs at the limits', () => {
  it('calls nested 20,000 deep: one error at the limit, no stack overflow', () => {
    const text = `display_line ${'('.repeat(20_000)}${')'.repeat(20_000)}\n`;
    const tree = parseMacro(text);
    expect(relexed(text, 'macro')).toBe(text);
    expect(tree.errors.map((e) => e.message)).toEqual(["Unexpected '(' nested more than 100 calls deep, expected fewer levels; what follows is read as plain text"]);
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'deep.cm'), text);
    const result = cli(['deep.cm'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  it('10,000 nested &do blocks', () => {
    const tree = parseMacro(`${'&do\n'.repeat(10_000)}start_process 'portmap.pm'\n${'&end\n'.repeat(10_000)}`);
    expect(tree.errors).toEqual([]);
    const start = tree.flow.statements.findIndex((statement) => statement.words[0]?.text === 'start_process');
    expect(tree.flow.successors[start]).toEqual([{ to: 10_001 }]);
  });

  it('a 1 MB line in inetd.conf and in a macro', () => {
    const long = 'x'.repeat(1_000_000);
    const inetd = parseInetd(`echo stream tcp nowait root internal ${long}\n#${long}\n`);
    expect(inetd.children.map((node) => node.type)).toEqual(['entry', 'comment']);
    const macro = parseMacro(`& ${'&+ '.repeat(300_000)}\ndisplay_line '${long}'\n`);
    expect(macro.errors).toEqual([]);
  });
});

describe('hostile names and contents', () => {
  it('shows control characters and terminal escapes escaped in text, and exactly in JSON', () => {
    const dir = temporaryDirectory();
    const name = 'evil\u001b]0;pwned\u0007.conf';
    writeFileSync(join(dir, name), 'echo\u001b[2J stream tcp nowait root internal\necho stream tcp nowait root internal\n');
    const text = cli(['--kind', `${name}=inetd`, name], dir);
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text.stdout).toContain('evil\\x1b]0;pwned\\x07.conf:2:1');
    expect(text.stdout).toContain("Unexpected service name 'echo\\x1b[2J'");
    const json = JSON.parse(cli(['--kind', `${name}=inetd`, '--format', 'json', name], dir).stdout);
    expect(json.files[0].path).toBe(name);
    expect(json.files[0].messages.map((m: { reason: string }) => m.reason)).toContain("Unexpected service name 'echo\u001b[2J', expected a name from the services file or a port number");
    const sarif = JSON.parse(cli(['--kind', `${name}=inetd`, '--format', 'sarif', name], dir).stdout);
    expect(sarif.runs[0].artifacts[0].location.uri).toBe(encodeURIComponent(name));
  });

  it('never reads a called macro by the path the macro names, only the module’s own files', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'secret.cm'), "start_process 'sshd.pm'\n");
    const module = join(dir, 'm1');
    cpSync(join(samplesDir, 'hardened'), module, { recursive: true });
    writeFileSync(join(module, 'module_start_up.cm'), `!${dir}/secret.cm\n!../secret.cm\n!(master_disk)>..>secret.cm\n`);
    const ports = JSON.parse(cli(['ports', '--format', 'json', 'm1'], dir).stdout).modules[0];
    expect(ports.listeners.some((l: { daemon: string }) => l.daemon === 'sshd')).toBe(false);
    expect(ports.unresolved).toHaveLength(3);
  });
});
