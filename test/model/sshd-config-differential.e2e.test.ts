/*
 * sshd's ports and listen addresses as the model reads them from sshd_config and the start line, checked against
 * OpenSSH's own reading: `sshd -T` (Debian's openssh-server) prints the configuration it would run with. It needs
 * /run/sshd, so it runs in a mount namespace of its own with a tmpfs on /run: nothing of the host's is touched.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../support/model.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const dir = temporaryDirectory('vos-audit-sshd-T-');
const hostKey = join(dir, 'host_key');
const config = join(dir, 'sshd_config');

/** What sshd listens on: `port host` lines, the host `*` for every address, sorted. */
type Listening = string[];

function sshdListening(text: string, args: readonly string[]): Listening | { refused: string } {
  writeFileSync(config, text);
  const script = 'mount -t tmpfs vos-audit-sshd-T /run && mkdir /run/sshd && exec /usr/sbin/sshd "$@"';
  const run = spawnSync(
    'unshare',
    ['--mount', 'sh', '-c', script, 'sshd', '-T', '-f', config, '-h', hostKey, ...args],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) return { refused: run.stderr.trim() };
  return run.stdout
    .split('\n')
    .flatMap((line) => {
      const match = /^listenaddress (\S+):(\d+)$/.exec(line);
      if (!match) return [];
      const host = match[1]!.replace(/^\[(.*)\]$/, '$1');
      return [`${match[2]} ${host === '0.0.0.0' || host === '::' ? '*' : host}`];
    })
    .filter((entry, i, all) => all.indexOf(entry) === i)
    .sort();
}

function modelListening(text: string, args: readonly string[]): Listening {
  const start = `start_process 'sshd.pm${args.map((a) => ` ${a}`).join('')}' -privileged\n`;
  const rows = modelOf({ 'module_start_up.cm': start, sshd_config: text }).listeners.filter(
    (row) => row.daemon === 'sshd',
  );
  return rows
    .flatMap((row) => {
      const only = /on (.+) only \(ListenAddress\)/.exec(row.note ?? '');
      return only ? only[1]!.split(' and ').map((host) => `${row.port} ${host}`) : [`${row.port} *`];
    })
    .sort();
}

const port = fc.constantFrom(22, 2022, 2200, 2201, 2222, 65022);
const keyword = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());
const separator = fc.constantFrom(' ', '\t', '=', ' = ', '  ');
const host = fc.constantFrom('192.0.2.10', '192.0.2.11', '198.51.100.7', '2001:db8::1', '2001:db8:0:1::22');
const listenAddress = fc
  .tuple(host, fc.option(port, { nil: undefined }))
  .map(([h, p]) => (p === undefined ? h : h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`));

const portLine = fc.tuple(keyword('Port'), separator, port).map(([k, s, p]) => `${k}${s}${p}`);
const addressLine = fc.tuple(keyword('ListenAddress'), separator, listenAddress).map(([k, s, a]) => `${k}${s}${a}`);
const otherLine = fc.constantFrom(
  '# Port 2999',
  '',
  'PermitRootLogin no',
  'PasswordAuthentication yes',
  'AddressFamily any',
  'X11Forwarding no',
);
/** A Match block at the end of the file, holding what sshd allows there (never Port or ListenAddress). */
const matchBlock = fc.constantFrom(
  '',
  'Match User backup\n  PermitRootLogin no\n  X11Forwarding no\n',
  'Match Address 192.0.2.0/24\n\tPasswordAuthentication no\n',
);

const sshdConfig = fc
  .tuple(fc.array(fc.oneof(portLine, addressLine, otherLine), { maxLength: 8 }), matchBlock)
  .map(([lines, match]) => `${lines.map((line) => `${line}\n`).join('')}${match}`);

/** The start line's options sshd takes for its ports: `-p N`, `-o Port=N`, `-o ListenAddress=…`. */
const startOptions = fc
  .array(
    fc.oneof(
      port.map((p) => ['-p', String(p)]),
      port.map((p) => ['-o', `Port=${p}`]),
      listenAddress.map((a) => ['-o', `ListenAddress=${a}`]),
    ),
    { maxLength: 3 },
  )
  .map((options) => options.flat());

describe('sshd_config and the start line, read as sshd -T reads them', () => {
  it('setup: a host key for sshd -T', () => {
    const keygen = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey], { encoding: 'utf8' });
    expect(keygen.status, keygen.stderr).toBe(0);
  });

  it('hand-written cases: the defaults, -p over Port, -o before the file, ListenAddress with and without a port', () => {
    const cases: Array<[string, string[]]> = [
      ['PermitRootLogin no\n', []],
      ['Port 2222\nport=2022\n', []],
      ['Port 2222\n', ['-p', '2200']],
      ['Port 2222\n', ['-o', 'Port=2300']],
      ['Port 2222\n', ['-o', 'Port=2300', '-p', '2200']],
      ['Port 2222\n', ['-p', '2200', '-o', 'Port=2300']],
      ['Port 2222\nListenAddress 192.0.2.10\nListenAddress [2001:db8::1]:2201\n', []],
      ['ListenAddress 2001:db8::1\nPort 2222\nPort 2022\n', []],
      ['Port 2222\nMatch User backup\n  PermitRootLogin no\n', []],
    ];
    for (const [text, args] of cases) {
      const expected = sshdListening(text, args);
      expect('refused' in expected, JSON.stringify(expected)).toBe(false);
      expect(modelListening(text, args), `${text} ${args.join(' ')}`).toEqual(expected);
    }
  });

  it('generated configurations and start lines: the same ports and addresses as sshd -T', () => {
    let compared = 0;
    fc.assert(
      fc.property(sshdConfig, startOptions, (text, args) => {
        const expected = sshdListening(text, args);
        // sshd refuses some generated files (a duplicate ListenAddress): there is nothing to compare.
        if ('refused' in expected) return;
        compared++;
        expect(modelListening(text, args), `${JSON.stringify(text)} ${args.join(' ')}`).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
