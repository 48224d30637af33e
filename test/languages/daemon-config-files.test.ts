import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModules } from '../../src/io/discover.ts';
import { kindByContent, kindByName } from '../../src/languages/registry.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe("the daemons' own configuration files, by name and by content", () => {
  it('sshd_config anywhere, and *.conf only in an sshd_config.d folder', () => {
    expect(kindByName('m1/opt/openssl/etc/sshd_config')).toBe('sshd-config');
    expect(kindByName('SSHD_CONFIG')).toBe('sshd-config');
    expect(kindByName('etc/sshd_config.d/10-ports.conf')).toBe('sshd-config');
    expect(kindByName('etc/other.d/10-ports.conf')).toBeUndefined();
    expect(kindByName('sshd_config.d/inetd.conf')).toBe('inetd');
  });

  it("tells sshd_config by its content, and takes no other language's file for it", () => {
    expect(kindByContent('# sshd\nPort 2222\nPermitRootLogin no\n')).toBe('sshd-config');
    expect(kindByContent('ListenAddress=192.0.2.1\n')).toBe('sshd-config');
    expect(kindByContent('Port  Service  Device\n85    rsn      rsn_incoming\n')).not.toBe('sshd-config');
    expect(kindByContent('ssh 22/tcp\n')).toBe('services');
    expect(kindByContent('sshd: ALL\n')).toBe('hosts-access');
    expect(kindByContent('ssh stream tcp nowait root /usr/sbin/sshd sshd -i\n')).toBe('inetd');
  });

  it("httpd.conf and Apache's httpd-*.conf by name; other *.conf files stay what they are", () => {
    expect(kindByName('system/apache_install_dir/conf/httpd.conf')).toBe('httpd-conf');
    expect(kindByName('conf/extra/httpd-ssl.conf')).toBe('httpd-conf');
    expect(kindByName('conf/inetd.conf')).toBe('inetd');
    expect(kindByName('conf/ntp.conf')).toBeUndefined();
  });

  it("tells httpd.conf by its content, and takes no other language's file for it", () => {
    expect(kindByContent('# web\nListen 8080\n')).toBe('httpd-conf');
    expect(kindByContent('Listen [2001:db8::1]:443 https\n')).toBe('httpd-conf');
    expect(kindByContent('<IfModule mod_ssl.c>\n</IfModule>\n')).toBe('httpd-conf');
    expect(kindByContent('http stream tcp nowait root /usr/sbin/httpd httpd\n')).toBe('inetd');
    expect(kindByContent('http 80/tcp www\n')).toBe('services');
    expect(kindByContent('httpd: 192.0.2.0/24\n')).toBe('hosts-access');
  });

  it("discovery finds an sshd_config.d folder's files in the module", () => {
    const dir = temporaryDirectory('vos-audit-lang-discovery-');
    mkdirSync(join(dir, 'm1', 'etc', 'sshd_config.d'), { recursive: true });
    writeFileSync(join(dir, 'm1', 'module_start_up.cm'), "start_process 'sshd.pm'\n");
    writeFileSync(join(dir, 'm1', 'etc', 'sshd_config'), 'Include sshd_config.d/*.conf\n');
    writeFileSync(join(dir, 'm1', 'etc', 'sshd_config.d', 'ports.conf'), 'Port 2222\n');
    writeFileSync(join(dir, 'm1', 'etc', 'notes.conf'), 'not a config\n');
    const [module] = discoverModules(['m1'], { cwd: dir });
    expect(module!.files.map((file) => file.path).sort()).toEqual([
      'm1/etc/sshd_config',
      'm1/etc/sshd_config.d/ports.conf',
      'm1/module_start_up.cm',
    ]);
  });
});
