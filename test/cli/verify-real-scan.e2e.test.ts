import { execFile, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/temporary.ts';
import { vosAudit } from '../support/cli.ts';

/**
 * A real nmap scan of listeners this test starts on 127.0.0.1 (and nowhere else), on a fixed list of high ports,
 * compared with a module whose address is 127.0.0.1 and whose configuration places its daemons on those ports.
 */
const loopback = '127.0.0.1';
const ports = { tcp: [47001, 47003, 47004, 47005, 47006, 47010], udp: [47002, 47007, 47011, 47012] };

const module = {
  'inetd.conf': [
    '47001 stream tcp nowait root internal', // live, nothing listens: live but closed
    '47002 dgram udp wait root internal', // live, a listener that answers: open as configured
    '#47003 stream tcp nowait root internal', // off, something listens: unexplained, with the commented line as evidence
    '47007 dgram udp wait root internal', // live, a listener that never answers: open|filtered, undecided
    '',
  ].join('\n'),
  'module_start_up.cm': [
    '(master_disk)>system>stcp>start_stcp.cm',
    "start_process 'telnet_msd -network_port 47004' -privileged", // live and listening
    '&if (software_purchased S270)',
    '&then &do',
    "start_process 'telnet_msd -network_port 47005' -privileged", // conditional, listening: the condition holds
    "start_process 'telnet_msd -network_port 47006' -privileged", // conditional, closed: it does not
    '&end',
    '',
  ].join('\n'),
  '.vos-audit.json': JSON.stringify({ address: loopback }),
};

const servers: Array<{ close(): unknown }> = [];
let dir = '';

function listenTcp(port: number): Promise<void> {
  const server = net.createServer((socket) => socket.on('error', () => {}).end());
  servers.push(server);
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, loopback, resolve));
}

function bindUdp(port: number, answer: boolean): Promise<void> {
  const socket = dgram.createSocket('udp4');
  if (answer) socket.on('message', (message, peer) => socket.send(message, peer.port, peer.address));
  servers.push(socket);
  return new Promise((resolve, reject) => socket.once('error', reject).bind(port, loopback, resolve));
}

beforeAll(async () => {
  const nmap = spawnSync('nmap', ['--version'], { encoding: 'utf8' });
  if (nmap.error !== undefined)
    throw new Error(
      'nmap is not installed: this test runs a real scan. Install it with `apt-get install -y nmap` (.ci/run does).',
    );
  dir = temporaryDirectory('verify-scan-');
  mkdirSync(join(dir, 'm1'));
  for (const [name, text] of Object.entries(module)) writeFileSync(join(dir, 'm1', name), text);
  await Promise.all([
    listenTcp(47003),
    listenTcp(47004),
    listenTcp(47005),
    listenTcp(47010),
    bindUdp(47002, true),
    bindUdp(47007, false),
    bindUdp(47011, false),
  ]);
  // The listeners run in this process, so nmap must run beside it, not block it: a UDP answer needs the event loop.
  const portList = `T:${ports.tcp.join(',')},U:${ports.udp.join(',')}`;
  const args = [
    '-sT',
    '-sU',
    '-Pn',
    '-n',
    '-p',
    portList,
    '--max-retries',
    '1',
    '--host-timeout',
    '15s',
    '-oX',
    join(dir, 'scan.xml'),
    loopback,
  ];
  await promisify(execFile)('nmap', args, { timeout: 20_000 });
}, 30_000);

afterAll(() => {
  for (const server of servers) server.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('verify against a real nmap scan of 127.0.0.1', () => {
  it('gives every verdict: unexplained open, live but closed, conditions settled both ways, undecided, agreement, not probed', async () => {
    const result = await vosAudit(['verify', '--scan', 'scan.xml', '--format', 'json', 'm1'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    const findings = report.findings.map(
      (f: { ruleId: string; reason: string; related: Array<{ file: string; place: { start: { line: number } } }> }) => [
        f.ruleId,
        f.reason,
        f.related.map((r) => `${r.file}:${r.place.start.line}`),
      ],
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        [
          'verify-unexplained-open-port',
          "tcp/47003 is open on 127.0.0.1 but nothing in m1's configuration starts a listener there; the configuration has inetd off there (commented out)",
          ['m1/module_start_up.cm:1', 'm1/inetd.conf:3'],
        ],
        [
          'verify-unexplained-open-port',
          "tcp/47010 is open on 127.0.0.1 but nothing in m1's configuration starts a listener there",
          [],
        ],
        [
          'verify-live-port-closed',
          "tcp/47001 is closed on 127.0.0.1 but m1's configuration starts inetd there: it failed to start or stopped, or the configuration is not booted yet",
          ['m1/module_start_up.cm:1', 'm1/inetd.conf:1'],
        ],
        [
          'verify-condition-settled',
          'telnet_msd is running on m1 (tcp/47005 is open on 127.0.0.1): S270 is purchased',
          ['m1/module_start_up.cm:5'],
        ],
        [
          'verify-condition-settled',
          'telnet_msd is not listening on m1 (tcp/47006 is closed on 127.0.0.1): S270 is not purchased, or telnet_msd failed to start',
          ['m1/module_start_up.cm:6'],
        ],
        [
          'verify-port-undecided',
          "udp/47007 is open|filtered on 127.0.0.1: the scan cannot tell whether inetd listens there, as m1's configuration says it does",
          ['m1/module_start_up.cm:1', 'm1/inetd.conf:4'],
        ],
        [
          'verify-port-undecided',
          "1 probed port on 127.0.0.1 where m1's configuration starts nothing is filtered or open|filtered, so not known to be closed: udp/47011",
          [],
        ],
      ]),
    );
    expect(findings.find((f: string[]) => f[0] === 'verify-ports-not-probed')?.[1]).toMatch(
      /^6 of m1's 12 live or conditional ports were not probed by the scan, so not judged: tcp\/21 \(ftpd\), tcp\/23 \(telnetd\)/,
    );
    expect(findings).toHaveLength(8);
    // tcp/47004 and udp/47002 open as configured; udp/47012 closed where nothing is configured.
    expect(report.modules[0].tally).toEqual({
      openAsExpected: 2,
      closedAsExpected: 1,
      unexplainedOpen: 2,
      liveButClosed: 1,
      conditionsSettled: 2,
      undecided: 2,
      notProbed: 6,
      expected: 12,
    });
  });

  it('the text report places each finding on its <port> element and prints the evidence under it', async () => {
    const result = await vosAudit(['verify', '--wide', '--scan', 'scan.xml', 'm1'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^scan\.xml:\d+:\d+ +error +tcp\/47010 is open on 127\.0\.0\.1 but nothing in m1's configuration starts a listener there {2}verify-unexplained-open-port$/m,
    );
    expect(result.stdout).toMatch(
      /verify-live-port-closed\n +m1\/module_start_up\.cm:1:1 {2}inetd's start goes through here\n +m1\/inetd\.conf:1:1 {2}inetd is started here\n/,
    );
    expect(result.stdout).toMatch(
      /m1 \(127\.0\.0\.1\): 2 open as configured, 1 closed as configured, 2 open unexplained, 1 live but closed, 2 conditions settled, 2 undecided; 6 of its 12 live or conditional ports not probed\n\n8 problems \(2 errors, 1 warning, 5 infos\) verifying 1 module against scan\.xml\n$/,
    );
  });

  it('a module at another address is not verified, the scanned host is stated, and nothing verified exits 2', async () => {
    const result = await vosAudit(['verify', '--scan', 'scan.xml', '--address', '127.0.0.2', '--format', 'gcc', 'm1'], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^vos-audit: verify: no module was matched to a host that is up in the scan/);
    expect(result.stdout).toContain(
      'warning: m1 (127.0.0.2) is not in the scan: none of its ports were verified [verify-module-not-scanned]',
    );
    expect(result.stdout).toContain('note: host 127.0.0.1 is in the scan but no module has its address');
  });
});
