import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** A module whose sshd is started with `-f` a VOS path, and whose httpd.conf includes a Unix one. */
function siteModule(): string {
  const root = temporaryDirectory('vos-audit-daemon-config-paths-');
  const module = join(root, 'sites', 'm7');
  mkdirSync(join(module, 'conf', 'extra'), { recursive: true });
  writeFileSync(
    join(module, 'module_start_up.cm'),
    "start_process '>system>openssl>sbin>sshd.pm -f (master_disk)>system>openssl>etc>sshd_config' -privileged\n" +
      "start_process '(master_disk)>system>apache>bin>httpd.pm' -privileged\n",
  );
  writeFileSync(join(module, 'sshd_config'), 'Port 2222\n');
  writeFileSync(join(module, 'conf', 'httpd.conf'), 'Listen 8080\nInclude /etc/apache/conf/extra/httpd-ports.conf\n');
  writeFileSync(join(module, 'conf', 'extra', 'httpd-ports.conf'), 'Listen 8081\n');
  return root;
}

async function portsFrom(cwd: string, path: string): Promise<string[]> {
  const result = await runCli(['ports', '--format', 'json', path], cwd);
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as {
    modules: Array<{ listeners: Array<{ daemon: string; port: number; undecided?: string }> }>;
  };
  return report.modules[0]!.listeners.filter((row) => row.daemon === 'sshd' || row.daemon === 'httpd')
    .map((row) => `${row.daemon} ${row.port}${row.undecided ? ' undecided' : ''}`)
    .sort();
}

describe("a daemon's path to its configuration, compared below the module's directory", () => {
  it('gives the same ports whether vos-audit runs inside the module or two folders above it', async () => {
    const root = siteModule();
    const expected = ['httpd 8080', 'httpd 8081', 'sshd 2222'];
    expect(await portsFrom(join(root, 'sites', 'm7'), '.')).toEqual(expected);
    expect(await portsFrom(root, 'sites/m7')).toEqual(expected);
    expect(await portsFrom(join(root, 'sites'), 'm7')).toEqual(expected);
  });
});
