import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLauncher } from '../support/processes.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/**
 * A module with sshd on a port its sshd_config sets, and Apache with two Listen lines, audited by the bundle's
 * launcher. The expected rows are the man pages' and Apache's documentation's, not vos-audit's output: sshd listens
 * on its sshd_config's Port (its default 22 is gone); Apache on each Listen, on an address when one is given.
 */
const files: Record<string, string> = {
  'module_start_up.cm': [
    '& Illustrative module start-up macro.',
    '!(master_disk)>system>stcp>start_stcp.cm',
    '&if (software_purchased S270) &then &do',
    "   start_process '(master_disk)>opt>openssl>sbin>sshd.pm -f (master_disk)>opt>openssl>etc>sshd_config' -privileged",
    '&end',
    "start_process '(master_disk)>system>apache_install_dir>bin>httpd.pm' -privileged",
    '',
  ].join('\n'),
  'opt/openssl/etc/sshd_config': '# Illustrative sshd_config.\nPort 2222\nPermitRootLogin no\n',
  'system/apache_install_dir/conf/httpd.conf':
    '# Illustrative httpd.conf.\nListen 8080\nListen 192.0.2.10:8443 https\n',
};

describe('ports reads the daemons’ own configuration', () => {
  it('sshd on its sshd_config Port, httpd on both Listen lines, each row at its line', () => {
    const dir = temporaryDirectory('vos-audit-lang-ports-');
    const module = join(dir, 'm1');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(module, name, '..'), { recursive: true });
      writeFileSync(join(module, name), text);
    }
    const result = runLauncher(
      ['ports', '--format', 'json', '--release', '17.1', '--products', 'S270,S266', 'm1'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const listeners = JSON.parse(result.stdout).modules[0].listeners as Array<{
      daemon: string;
      port: number;
      state: string;
      evidence: string[];
    }>;
    const rows = (daemon: string) =>
      listeners
        .filter((l) => l.daemon === daemon)
        .map((l) => ({ port: l.port, state: l.state, last: l.evidence.at(-1) }));
    expect(rows('sshd')).toEqual([{ port: 2222, state: 'live', last: 'm1/opt/openssl/etc/sshd_config:2' }]);
    expect(rows('httpd')).toEqual([
      { port: 8080, state: 'live', last: 'm1/system/apache_install_dir/conf/httpd.conf:2' },
      { port: 8443, state: 'live', last: 'm1/system/apache_install_dir/conf/httpd.conf:3' },
    ]);
  });
});
