import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const direct = 'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd\n';

interface Message {
  ruleId: string;
  severity: string;
  reason: string;
  place: { start: { line: number } };
}

async function messages(args: string[], dir: string): Promise<Message[]> {
  const report = JSON.parse((await runCli(['--format', 'json', ...args, 'inetd.conf'], dir)).stdout);
  return report.files[0].messages;
}

describe('a tftp line outside tcpd is one problem, one finding', () => {
  it('states both remedies in one error, with the fix that routes it through tcpd', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), direct);
    const found = await messages([], dir);
    expect(found.map((m) => [m.ruleId, m.severity])).toEqual([['inetd-unwrapped-service', 'error']]);
    expect(found[0]!.reason).toBe(
      'tftp/udp (port 69) is active and starts >system>stcp>command_library>tftpd.pm directly, outside tcpd: comment it out unless a client of this module needs it; if one does, run it through tcpd so that hosts.allow and hosts.deny decide who may use it',
    );
  });

  it('after --fix, what is left is the warning that it is active at all', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), direct);
    const fixed = await runCli(['--fix', 'inetd.conf'], dir);
    expect(readFileSync(join(dir, 'inetd.conf'), 'utf8')).toBe(
      'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
    );
    expect(fixed.stdout).toContain('inetd-bootp-tftp-active');
    expect(fixed.stdout).not.toContain('inetd-unwrapped-service');
  });

  it('with --nio, the one finding asks for tcpd and the NIO alone', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), `time stream tcp nowait root internal\n${direct}`);
    const found = (await messages(['--nio'], dir)).filter((m) => m.place.start.line === 2);
    expect(found.map((m) => [m.ruleId, m.severity])).toEqual([
      ['inetd-nio-firewall', 'info'],
      ['inetd-unwrapped-service', 'error'],
    ]);
    expect(found.find((m) => m.ruleId === 'inetd-unwrapped-service')!.reason).toContain(
      'the NIO needs tftp, so run it through tcpd and let hosts.allow admit only the NIO',
    );
  });
});
