import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longMacro } from '../../bench/generate-macro.mjs';
import { siteMacro } from '../../bench/site-macro.mjs';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

interface Row {
  daemon: string;
  state: string;
  condition?: string;
  note?: string;
}

/** `vos-audit ports --format json` on a module of one module_start_up.cm: each daemon's rows, and what is undecided. */
async function portsOf(macro: string, ...options: string[]) {
  const dir = temporaryDirectory('vos-audit-macro-site-');
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', 'module_start_up.cm'), macro);
  const result = await runCli(['ports', '--format', 'json', '--release', '17.1', ...options, 'm'], dir);
  expect(result.status).toBe(0);
  const [module] = JSON.parse(result.stdout).modules as Array<{
    listeners: Row[];
    unresolved: Array<{ reason: string }>;
  }>;
  const verdicts = new Map<string, Set<string>>();
  for (const row of module!.listeners) {
    const verdict = row.state === 'conditional' ? (row.condition ?? row.note ?? '') : row.state;
    verdicts.set(row.daemon, new Set([...(verdicts.get(row.daemon) ?? []), verdict]));
  }
  return { verdicts, unresolved: module!.unresolved.map((u) => u.reason) };
}

describe('macros of a real site’s size and shape are decided exactly', () => {
  it('the 912-line site-shaped macro: its OSL loop decides nothing, each product decides its daemons', async () => {
    const text = siteMacro();
    expect(text.split('\n')).toHaveLength(913);
    const { verdicts, unresolved } = await portsOf(text, '--products', 'S266,S269,S270');
    for (const daemon of ['sshd', 'httpd', 'ntpd', 'ftpd', 'telnetd'])
      expect([daemon, ...verdicts.get(daemon)!]).toEqual([daemon, 'live']);
    expect([...verdicts.get('smbd')!]).toEqual(['(exists -file (master_disk)>opt>samba>bin>start_samba.cm)']);
    for (const reason of unresolved) expect(reason).not.toMatch(/count|conditions/);
    const withoutSsh = await portsOf(text, '--products', 'S266');
    expect([...withoutSsh.verdicts.get('sshd')!]).toEqual(['off']);
  });

  it('10,000 lines testing 200 different conditions: each start decided by the products that guard it', async () => {
    const text = longMacro(10_000, 200);
    const stated = await portsOf(text, '--products', 'S270');
    for (const daemon of ['sshd', 'telnet_msd', 'httpd', 'portmap', 'ntpd', 'sync_cfgd'])
      expect([daemon, ...stated.verdicts.get(daemon)!]).toEqual([daemon, 'live']);
    // Each daemon is started in blocks guarded by each of the four products: it runs if any is purchased.
    const open = await portsOf(text);
    expect([...open.verdicts.get('sshd')!]).toEqual([
      '(software_purchased S270) or (software_purchased S269) or (software_purchased S266) or (software_purchased S135)',
    ]);
    for (const reason of [...stated.unresolved, ...open.unresolved]) expect(reason).not.toMatch(/conditions/);
  });
});
