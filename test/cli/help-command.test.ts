import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stockInetd = new URL('../../samples/stock-posix/inetd.conf', import.meta.url).pathname;

describe('vos-audit help [command]', () => {
  it('prints the same help as --help, and exits 0', async () => {
    const help = await vosAudit(['help']);
    expect(help).toEqual({ status: 0, stdout: (await vosAudit(['--help'])).stdout, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: vos-audit /);
    expect(help.stdout).toMatch(/^ {2}help +Print the help of vos-audit/m);
  });

  it.each(['ports', 'rules', 'explain', 'help'])('help %s prints that command’s help', async (command) => {
    const help = await vosAudit(['help', command]);
    expect(help).toEqual({ status: 0, stdout: (await vosAudit([command, '--help'])).stdout, stderr: '' });
    expect(help.stdout).toMatch(new RegExp(`^Usage: vos-audit ${command} `));
  });

  it('names an unknown command, with the nearest one, and exits 2', async () => {
    expect(await vosAudit(['help', 'prots'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "vos-audit: no command 'prots' to show the help of; did you mean ports? (the commands are ports, verify, firewall, report, diff, tcpdmatch, rules, explain, help)\n",
    });
    expect((await vosAudit(['help', 'inetd.conf'])).status).toBe(2);
  });

  it('audits a directory named help when it is written ./help, or comes after --', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'help'));
    copyFileSync(stockInetd, join(dir, 'help', 'inetd.conf'));
    for (const args of [['./help'], ['--', 'help']]) {
      const result = await vosAudit(args, { cwd: dir });
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stdout, args.join(' ')).toMatch(/^(\.\/)?help\/inetd\.conf:7:1 +error /m);
    }
  });
});
