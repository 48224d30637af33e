import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, vosAudit } from '../support/cli.ts';
import { firewall, jsonPolicy, type JsonRule } from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// The policy against the words of the Stratus "STCP TCP/UDP Ports" article, each quoted.

const root = new URL('../..', import.meta.url).pathname;

function module(macro: string): string {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'module_start_up.cm'), macro);
  return dir;
}

const startStcp = '!(master_disk)>system>stcp>start_stcp.cm\n';
const inbound = (rules: JsonRule[], protocol: string, port: number) =>
  rules.filter((r) => r.direction === 'in' && r.protocol === protocol && r.ports[0] === port);

describe('the kernel ranges come from two files', () => {
  // "3XXX where XXX is 2 times the max_open_server number defined in the new_modules.tin file"
  // "4XXX where XXX is the max_open_server number defined in the new_backbone_systems.tin file"
  it("OSL's end from new_modules.tin's max_open_server, OSN's from new_backbone_systems.tin's", async () => {
    const args = ['--max-open-server', '100', '--backbone-max-open-server', '30', '--release', '17.1'];
    const ports = await vosAudit(['ports', '--format', 'json', ...args, 'samples/firewall-bridges/east-bridge'], {
      cwd: root,
      env: {},
    });
    const listeners = JSON.parse(ports.stdout).modules[0].listeners as Array<{ port: number; lastPort?: number }>;
    expect(listeners.filter((l) => l.port === 3000 || l.port === 4000).map((l) => [l.port, l.lastPort])).toEqual([
      [3000, 3200],
      [4000, 4030],
    ]);
    // Between the two bridges, OSN in and out, to the range new_backbone_systems.tin gives.
    const rules = (await jsonPolicy([...args, 'samples/firewall-bridges'])).modules[0]!.rules;
    const osn = rules.filter((r) => r.protocol === 'tcp' && r.ports[0] === 4000);
    expect(osn.map((r) => [r.direction, r.ports])).toEqual([
      ['in', [4000, 4030]],
      ['out', [4000, 4030]],
    ]);
  });

  // OSN "uses ports starting from 4000 and going to 4XXX": 4000 alone would pass some of its connections only.
  it("without new_backbone_systems.tin's max_open_server no OSN port opens, 4000 included, and the fact is named", async () => {
    const bridges = temporaryDirectory();
    cpSync(join(root, 'samples/firewall-bridges'), bridges, { recursive: true });
    for (const side of ['east', 'west']) {
      const file = join(bridges, `${side}-bridge`, '.vos-audit.json');
      const { backboneMaxOpenServer: _left, ...config } = JSON.parse(readFileSync(file, 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(file, JSON.stringify(config));
    }
    const policy = await jsonPolicy([bridges]);
    expect(
      policy.modules
        .flatMap((m) => m.rules)
        .filter(
          (r) =>
            r.direction === 'in' &&
            r.protocol === 'tcp' &&
            r.action === 'allow' &&
            r.ports[0] <= 4000 &&
            4000 <= r.ports[1],
        ),
    ).toEqual([]);
    expect(policy.leftOut.filter((l) => /OSN/.test(l.what)).map((l) => l.because)).toEqual([
      expect.stringMatching(/^max_open_server of new_backbone_systems\.tin is not known.*4000 alone would pass some/),
      expect.stringMatching(/^max_open_server of new_backbone_systems\.tin is not known.*4000 alone would pass some/),
    ]);
  });

  it('a max_open_server whose OSL range would run into OSN\'s 4000 is refused: "3XXX" stays below 4000', async () => {
    const result = await firewall(['--max-open-server', '600', 'samples/hardened']);
    expectUserError(result, '600', '499', 'new_modules.tin');
    expect((await firewall(['--max-open-server', '499', 'samples/hardened'])).status).toBe(0);
    const dir = module(startStcp);
    writeFileSync(join(dir, '.vos-audit.json'), '{"maxOpenServer": 500}');
    const config = await firewall([dir]);
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/'maxOpenServer' must be a whole number from 1 to 499/);
  });
});

describe('ports the article blocks exist from the release it gives them', () => {
  // Table 2: 85 "15.0+" ("I suggest that any firewalls be configured to block connections to this port") and 29000
  // "15.0+": neither exists before 15.0, so a rule about them on 14.x has no basis in the article.
  it('on 14.x no rule names 85 or 29000; on 15.0 both are denied; with no release, 29000 is denied under "VOS 15.0+"', async () => {
    const dir = module(startStcp);
    const ports = async (options: string[]) =>
      (await jsonPolicy([...options, dir])).modules[0]!.rules.filter(
        (r) => r.direction === 'in' && [85, 29000].includes(r.ports[0]),
      ).map((r) => `${r.action} ${r.ports[0]}${r.condition ? ` if ${r.condition}` : ''}`);
    expect(await ports(['--release', '14.4'])).toEqual([]);
    expect(await ports(['--release', '15.0'])).toEqual(['deny 85', 'deny 29000']);
    expect(await ports([])).toEqual(['deny 85', 'deny 29000 if VOS 15.0+']);
  });
});

describe('no policy removes the only way to log in', () => {
  // Table 1: ssh (22) "14.7 and 15.1+", S270; telnet (23) carries no blocking advice in the article.
  it('on 15.0, which has no sshd, telnet stays allowed with the finding in its reason; with sshd it is denied', async () => {
    const dir = module(startStcp);
    const [telnet] = inbound((await jsonPolicy(['--release', '15.0', dir])).modules[0]!.rules, 'tcp', 23);
    expect(telnet).toMatchObject({ action: 'allow' });
    expect(telnet!.reason).toMatch(/telnet sends passwords in clear text.*allowed all the same: with no sshd/);
    const withSshd = module(`${startStcp}start_process 'sshd.pm' -privileged\n`);
    const rules = (await jsonPolicy(['--release', '17.1', '--products', 'S270', withSshd])).modules[0]!.rules;
    expect(inbound(rules, 'tcp', 23).map((r) => r.action)).toEqual(['deny']);
  });
});

describe('x25_cpc talks to the NIO', () => {
  // Table 3: x25_cpc to 48879 "15.0+", for the NIO's X.25.
  it('on a module without an NIO it gets no rule, and a note says why: nftables needs no nioAddress', async () => {
    const dir = module("start_process '(master_disk)>system>command_library>x25_cpc.pm' -privileged\n");
    const result = await firewall(['--format', 'nftables', '--release', '15.2', '--address', '192.0.2.5', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/48879/);
    expect(result.stderr).toContain('x25_cpc');
  });
});

describe('RADIUS is S268 before 15.0', () => {
  // Table 3: radius_auth_server to 1812, releases "14.4+" and "15.0+", product "S268 (Radius Support)" and "Part of
  // STCP/VOS", row by row: before 15.0 the RADIUS client comes with S268, from 15.0 with STCP.
  const radius = module("start_process '(master_disk)>system>command_library>radius_auth_server.pm' -privileged\n");
  const radiusOut = async (args: string[]) => {
    const policy = await jsonPolicy([...args, radius]);
    return {
      rule: policy.modules[0]!.rules.some((r) => r.direction === 'out' && r.ports[0] === 1812),
      leftOut: policy.leftOut.filter((l) => /1812/.test(l.what)).map((l) => l.because),
    };
  };

  it.each<[string, string[], { rule: boolean; leftOut: string[] }]>([
    ['14.4 with S268', ['--release', '14.4', '--products', 'S268'], { rule: true, leftOut: [] }],
    ['14.4 without it', ['--release', '14.4', '--products', 'S014'], { rule: false, leftOut: [] }],
    ['14.4, products not given', ['--release', '14.4'], { rule: false, leftOut: ['if (software_purchased S268)'] }],
    ['15.0 without it', ['--release', '15.0', '--products', 'S014'], { rule: true, leftOut: [] }],
    [
      'no release, no products',
      [],
      { rule: false, leftOut: ['if VOS 14.4+ and (VOS 15.0+ or (software_purchased S268))'] },
    ],
  ])('%s', async (_name, args, expected) => {
    expect(await radiusOut(args)).toEqual(expected);
  });
});

describe('what the article does not state is carried as an assumption', () => {
  // Table 3: udp 49152-65535 for "15.1.0ar+" and "16+"; 15.2 is not named.
  it("15.2's udp ephemeral range is an assumption in the evidence of every rule that uses it", async () => {
    const rules = (await jsonPolicy(['--release', '15.2', 'samples/hardened'])).modules[0]!.rules;
    const dns = rules.find((r) => r.direction === 'out' && r.protocol === 'udp' && r.ports[0] === 53)!;
    expect(dns.sourcePorts).toEqual([49152, 65535]);
    expect(dns.evidence).toContain(
      'assumed for 15.2: the article gives udp 49152-65535 for "15.1.0ar+" and "16+", not 15.2 by name',
    );
    const onSixteen = (await jsonPolicy(['--release', '16.1', 'samples/hardened'])).modules[0]!.rules;
    const named = onSixteen.find((r) => r.direction === 'out' && r.protocol === 'udp' && r.ports[0] === 53)!;
    expect(named.evidence.some((e) => e.startsWith('assumed'))).toBe(false);
  });
});
