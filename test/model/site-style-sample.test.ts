import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

/**
 * samples/site-style, a module_start_up.cm written the way sites write them, audited as its README line says. The
 * goldens are read for review; what they must agree with is the table below, written from the article and from
 * the sample's own files (read here with plain string searches, not with vos-audit), never from vos-audit's output.
 */
const sample = 'site-style';
const options = ['--release', '17.1', '--products', 'S266,S269,S270'];

const text = (file: string) => readFileSync(join(samplesDir, sample, file), 'utf8');
const macro = 'module_start_up.cm';
const sshdConfig = 'opt/openssl/etc/sshd_config';
const httpdConf = 'opt/apache/conf/httpd.conf';

/** `site-style/FILE:N`, N the first line of FILE that holds `needle`. */
function lineOf(file: string, needle: string): string {
  const index = text(file)
    .split('\n')
    .findIndex((line) => line.includes(needle));
  expect(index, `${file} holds ${needle}`).toBeGreaterThanOrEqual(0);
  return `${sample}/${file}:${index + 1}`;
}

/** The ports of the daemons' own files: sshd_config's Port, httpd.conf's Listen lines. */
const sshdPort = Number(/^Port (\d+)$/m.exec(text(sshdConfig))![1]);
const listens = [...text(httpdConf).matchAll(/^Listen (\d+)/gm)].map((match) => Number(match[1]));
const declared = JSON.parse(text('.vos-audit.json')).daemons as Record<string, string[]>;

interface ExpectedRow {
  row: string;
  state: 'live' | 'conditional' | 'off';
  condition?: string;
}

/**
 * Every listener the module has, with --release 17.1 and the three products purchased:
 * - start_stcp: ftpd 21, telnetd 23 and the RSN's 85 (the article's table 1; 85 from 15.0), snmpd 161/udp (assumed
 *   started by start_stcp); ntpd 123/udp from start_ntpd;
 * - Samba (S269, and the fact that start_samba.cm exists): nmbd 137 and 138/udp, smbd 139, and 445 from 15.1;
 * - sshd (S270) on its sshd_config's Port only, not on 22; httpd on both Listen lines, the SSL one inside
 *   `<IfDefine SSL>`, which `-D SSL` on its start line makes hold;
 * - the kernel's OSL range, and OSN's off, as the module is not its system's bridge;
 * - order_server on the port .vos-audit.json declares (its file's existence a fact); mysqld on IANA's 3306 (its
 *   file a fact); ndmpd off, its block's test stated false; telnet_msd on its -network_port under the one module
 *   test no fact decides.
 * None of the twenty tools, the OSL processes or the VOS system daemons has a row: they listen on nothing.
 */
const expectedRows: ExpectedRow[] = [
  { row: 'tcp/21 ftpd', state: 'live' },
  { row: 'tcp/23 telnetd', state: 'live' },
  { row: 'tcp/85 telnetd', state: 'live' },
  { row: 'udp/161 snmpd', state: 'live' },
  { row: 'udp/123 ntpd', state: 'live' },
  { row: 'udp/137 nmbd', state: 'live' },
  { row: 'udp/138 nmbd', state: 'live' },
  { row: 'tcp/139 smbd', state: 'live' },
  { row: 'tcp/445 smbd', state: 'live' },
  { row: `tcp/${sshdPort} sshd`, state: 'live' },
  ...listens.map((port): ExpectedRow => ({ row: `tcp/${port} httpd`, state: 'live' })),
  { row: 'tcp/3000 kernel (OSL)', state: 'live' },
  { row: 'tcp/4000 kernel (OSN)', state: 'off' },
  { row: `${declared.order_server![0]!.split('/').reverse().join('/')} order_server`, state: 'live' },
  { row: 'tcp/3306 mysqld', state: 'live' },
  { row: 'tcp/10000 ndmpd', state: 'off' },
  { row: 'tcp/2024 telnet_msd', state: 'conditional', condition: "(module_name) = 'm1_test'" },
];

/**
 * The firewall's inbound rules that name a port: every live row allowed, but what the article asks to block (the
 * RSN's 85, sync_cfgd's 29000/udp), telnet's 23 where sshd runs (docs/firewall.md, Logins) and telnet_msd's 2024,
 * denied even under its condition (a deny is never left out). OSL has no peer in this run: no allow for it.
 */
const denied = ['tcp/85', 'udp/29000', 'tcp/23', 'tcp/2024'];
const allowed = expectedRows
  .filter(({ state, row }) => state === 'live' && !row.includes('kernel'))
  .map(({ row }) => row.split(' ')[0]!)
  .filter((port) => !denied.includes(port));

async function run(...args: string[]) {
  const result = await runCli([...args, '--format', 'json', ...options, sample], samplesDir);
  return { ...result, json: JSON.parse(result.stdout) };
}

describe('the site-style sample', () => {
  it('ports: the rows of the table, each daemon’s port from its own file, nothing on the loop counter', async () => {
    const { stdout, stderr, status, json } = await run('ports');
    expect([status, stderr]).toEqual([0, '']);
    await expect(stdout).toMatchFileSnapshot('../fixtures/model/site-style.ports.json');
    const [module] = json.modules;
    const rows = module.listeners.map(
      (l: { protocol: string; port: number; daemon: string; state: string; condition?: string }) => ({
        row: `${l.protocol}/${l.port} ${l.daemon}`,
        state: l.state,
        ...(l.condition !== undefined && { condition: l.condition }),
      }),
    );
    const byRow = (a: ExpectedRow, b: ExpectedRow) => a.row.localeCompare(b.row);
    expect(rows.sort(byRow)).toEqual([...expectedRows].sort(byRow));
    expect(sshdPort).not.toBe(22);
    expect(listens).toHaveLength(2);

    const evidence = (daemon: string) =>
      module.listeners
        .filter((l: { daemon: string }) => l.daemon === daemon)
        .map((l: { evidence: string[] }) => l.evidence);
    expect(evidence('sshd')).toEqual([[lineOf(macro, 'sshd.pm'), lineOf(sshdConfig, 'Port ')]]);
    expect(evidence('httpd')).toEqual([
      [lineOf(macro, "'httpd -D SSL'"), lineOf(httpdConf, 'Listen 8080')],
      [lineOf(macro, "'httpd -D SSL'"), lineOf(httpdConf, 'Listen 8443')],
    ]);
    expect(JSON.stringify(module.listeners)).not.toMatch(/count/);
    expect(module.unresolved).toEqual([]);
    expect(module.openConditions).toEqual([`"(module_name) = 'm1_test'": true`]);
  });

  it('the audit: telnet on 23 and the RSN’s 85 from start_stcp, telnet_msd; nothing on sshd_config', async () => {
    const { stdout, status, json } = await run();
    expect(status).toBe(0);
    await expect(stdout).toMatchFileSnapshot('../fixtures/model/site-style.audit.json');
    const found = json.files.flatMap((file: { path: string; messages: Array<{ ruleId: string; place: object }> }) =>
      file.messages.map((m) => `${file.path} ${m.ruleId}`),
    );
    const start = (needle: string) => `${sample}/${macro} ${needle}`;
    expect(found.sort()).toEqual(
      [start('rsn-telnet-port'), start('telnet-cleartext-login'), start('telnet-msd-started')].sort(),
    );
    // PermitRootLogin no and PasswordAuthentication no: the sshd rules have nothing to say.
    expect(text(sshdConfig)).toMatch(/^PermitRootLogin no$/m);
    expect(text(sshdConfig)).toMatch(/^PasswordAuthentication no$/m);
  });

  it('firewall: every live port allowed in but those the article and the login policy deny', async () => {
    const { stdout, status, json } = await run('firewall');
    expect(status).toBe(0);
    await expect(stdout).toMatchFileSnapshot('../fixtures/model/site-style.firewall.json');
    const inbound = json.modules[0].rules.filter(
      (r: { direction: string; protocol: string }) =>
        r.direction === 'in' && (r.protocol === 'tcp' || r.protocol === 'udp'),
    );
    const ports = (action: string) =>
      inbound
        .filter((r: { action: string }) => r.action === action)
        .map((r: { protocol: string; ports: [number, number] }) => {
          expect(r.ports[0]).toBe(r.ports[1]);
          return `${r.protocol}/${r.ports[0]}`;
        });
    expect(ports('allow').sort()).toEqual([...allowed].sort());
    expect(ports('deny').sort()).toEqual([...denied].sort());
    expect(json.modules[0].address).toBe(JSON.parse(text('.vos-audit.json')).address);
  });
});
