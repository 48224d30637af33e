import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { auditModule } from '../../src/engine/audit.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { parseModuleFiles } from '../../src/model/files.ts';
import { defaultSettings } from '../../src/model/settings.ts';
import { modulePolicy } from '../../src/model/tcpd-module-policy.ts';
import { evaluate } from '../../src/model/tcpd-policy.ts';
import { stdoutText } from '../support/cli.ts';
import { sourceOf } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const tftpThroughTcpd =
  'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n';
/** The largest hosts file vos-audit reads, which a pattern file shares (the README's Safety section says 32 kB). */
const hostsFileLimit = 32 * 1024;

function policyOf(files: Record<string, string>) {
  return modulePolicy(
    parseModuleFiles(
      Object.entries(files).map(([name, text]) => ({ source: sourceOf(text, name), kind: kindByName(name)! })),
    ),
  );
}

const asked = (address: string) => ({ daemon: 'tftpd', server: {}, client: { address } });

describe('a /path pattern file', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is split once in a run, however many rules name it and clients are asked about', async () => {
    const dir = temporaryDirectory();
    const module = join(dir, 'm1');
    mkdirSync(module);
    // The pattern file is the module's services file: its words are patterns to tcpd, none of them an address.
    const services = `tftp 69/udp\n${Array.from({ length: 300 }, (_, i) => `svc${i} ${1000 + i}/tcp\n`).join('')}`;
    writeFileSync(join(module, 'services'), services);
    writeFileSync(join(module, 'inetd.conf'), tftpThroughTcpd);
    const rules = Array.from({ length: 60 }, (_, i) => `tftpd: 10.1.${i}.1 10.2.${i}. /services\n`).join('');
    writeFileSync(join(module, 'hosts.allow'), `${rules}`);
    writeFileSync(join(module, 'hosts.deny'), 'ALL: ALL\n');
    const split = String.prototype.split;
    let splits = 0;
    vi.spyOn(String.prototype, 'split').mockImplementation(function (this: string, ...args: Parameters<typeof split>) {
      if (this.length === services.length && String(this) === services) splits++;
      return split.apply(this, args);
    });
    const outcome = await run({
      command: 'ports',
      format: 'json',
      paths: [module],
      settings: {},
      kinds: new Map(),
      toolVersion: 'test',
    });
    expect(outcome.exitCode).toBe(0);
    // Every client named in hosts.allow was asked about, and admitted.
    const tftp = JSON.parse(stdoutText(outcome.stdout)).modules[0].listeners.find(
      (l: { daemon: string }) => l.daemon === 'tftpd',
    );
    expect(tftp.admits.replace(/ only$/, '').split(', ')).toHaveLength(120);
    expect(splits).toBe(1);
  });

  it('over the limit of a hosts file is not read: it matches nothing, and the verdict and the rule name it', () => {
    const listed = `# 10.9.9.9 may fetch boot files\n${'#'.repeat(hostsFileLimit)}\n`;
    const files = {
      'inetd.conf': `${tftpThroughTcpd}${listed}`,
      'hosts.allow': 'tftpd: /inetd.conf\n',
      'hosts.deny': 'ALL: ALL\n',
    };
    const verdict = evaluate(policyOf(files), asked('10.9.9.9'));
    expect(verdict).toMatchObject({ access: 'denied', oversizedFiles: ['/inetd.conf'], missingFiles: [] });
    const result = auditModule(
      {
        name: 'm',
        files: Object.entries(files).map(([name, text]) => ({ source: sourceOf(text, name), kind: kindByName(name)! })),
        settings: defaultSettings,
      },
      { fix: false, suggestions: false },
    );
    const messages = result.files.flatMap((file) =>
      file.messages
        .filter((m) => m.ruleId === 'hosts-access-pattern-file')
        .map((m) => [file.source.path, m.place.start]),
    );
    expect(messages).toEqual([['hosts.allow', { line: 1, column: 8, offset: 7 }]]);
  });

  it('just under the limit is read', () => {
    const listed = `# 10.9.9.9 may fetch boot files\n${'#'.repeat(hostsFileLimit - 200)}\n`;
    const files = {
      'inetd.conf': `${tftpThroughTcpd}${listed}`,
      'hosts.allow': 'tftpd: /inetd.conf\n',
      'hosts.deny': 'ALL: ALL\n',
    };
    expect(evaluate(policyOf(files), asked('10.9.9.9'))).toMatchObject({ access: 'granted', oversizedFiles: [] });
  });

  // tcpd tries a pattern file's words in order and reads a file it names as it meets it; a file that names itself
  // makes it recurse until it crashes (Debian's tcpdmatch dies of SIGSEGV: test/model/tcpdmatch-differential).
  it.each([
    ['a client listed before the file names itself', '10.9.9.9', { access: 'granted' }],
    ['a client listed after it', '10.9.9.8', { access: 'denied', loop: '/hosts.allow' }],
    ['a client matched by a domain pattern after it', '10.9.9.7', { access: 'denied', loop: '/hosts.allow' }],
  ])('that names itself: %s', (_what, client, expected) => {
    const files = { 'inetd.conf': tftpThroughTcpd, 'hosts.allow': 'tftpd: 10.9.9.9 /hosts.allow 10.9.9.8 10.9.9.\n' };
    expect(evaluate(policyOf(files), asked(client))).toMatchObject(expected);
  });
});
