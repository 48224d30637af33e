import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collidingModules,
  expectSameRules,
  firewall,
  jsonPolicy,
  parseCapirca,
  parseIptables,
  parseNftables,
} from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// Modules a and A, and x (with an NIO) beside x_nio: names a format derives from them must stay apart, or one
// module's rules land on another's address.
describe('every name a firewall format derives is unique across the run', () => {
  const dir = temporaryDirectory();
  const { addresses, nio } = collidingModules(dir);
  const moduleOf = (path: string) => path.slice(dir.length + 1);

  it('json: each module keeps its address, and x25_cpc talks to the NIO of x', async () => {
    const policy = await jsonPolicy([dir]);
    expect(Object.fromEntries(policy.modules.map((m) => [moduleOf(m.name), m.address]))).toEqual(addresses);
    const x = policy.modules.find((m) => moduleOf(m.name) === 'x')!;
    const x25 = x.rules.find((r) => r.direction === 'out' && r.ports[0] === 48879)!;
    expect(policy.groups.find((g) => g.name === x25.peer)!.addresses).toEqual([nio]);
  });

  it("nftables: each module's traffic goes to its own chains, whose rules are the JSON rules", async () => {
    const result = await firewall(['--format', 'nftables', dir]);
    expect(result.status).toBe(0);
    expectSameRules(parseNftables(result.stdout), await jsonPolicy([dir]), 128, { kind: 'nftables' });
    const sets = new Map(
      [...result.stdout.matchAll(/^ {2}set (\S+) \{.*elements = \{ ([^}]+) \} \}$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    const chainModule = new Map(
      [...result.stdout.matchAll(/^ {2}chain (\S+) \{\n {4}comment "to module (\S+)"/gm)].map((m) => [
        m[1]!,
        moduleOf(m[2]!),
      ]),
    );
    const dispatched = [...result.stdout.matchAll(/^ {4}ip daddr @(\S+) jump (\S+)$/gm)].map((m) => [
      chainModule.get(m[2]!),
      sets.get(m[1]!),
    ]);
    expect(Object.fromEntries(dispatched)).toEqual(addresses);
    expect(new Set(sets.keys()).size).toBe([...result.stdout.matchAll(/^ {2}set /gm)].length);
  });

  it("iptables: each module's traffic goes to its own chains, whose rules are the JSON rules", async () => {
    const result = await firewall(['--format', 'iptables', dir]);
    expect(result.status).toBe(0);
    const policy = await jsonPolicy([dir]);
    expectSameRules(parseIptables(result.stdout), policy, 256, { kind: 'iptables', family: 4 });
    const inChains = [...result.stdout.matchAll(/^:(\S+-in) /gm)].map((m) => m[1]);
    const dispatched = [...result.stdout.matchAll(/^-A FORWARD -d (\S+)\/32 -j (\S+-in)$/gm)].map((m) => [m[2], m[1]]);
    expect(dispatched).toEqual(policy.modules.map((m, n) => [inChains[n], m.address]));
    const declared = [...result.stdout.matchAll(/^:(\S+) /gm)].map((m) => m[1]!.toLowerCase());
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('capirca: one policy file a module whatever the case of its name, each for its own address and NIO', async () => {
    const out = temporaryDirectory();
    const result = await firewall(['--format', 'capirca', '--output', out, dir]);
    expect(result.status).toBe(0);
    const files = readdirSync(join(out, 'pol'));
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(4);
    const read = (path: string) => readFileSync(join(out, path), 'utf8');
    const policy = await jsonPolicy([dir]);
    const inOrder = policy.modules.map((m) =>
      files.find((f) => read(`pol/${f}`).includes(`policy of module ${m.name},`))!,
    );
    expect(new Set(inOrder).size).toBe(4);
    const parsed = parseCapirca(
      inOrder.map((f) => read(`pol/${f}`)),
      read('def/NETWORK.net'),
      read('def/SERVICES.svc'),
    );
    expectSameRules(parsed, await jsonPolicy(['--stateless', dir]), 200, { kind: 'capirca' });
    const tokens = [...read('def/NETWORK.net').matchAll(/^(\S+) = /gm)].map((m) => m[1]!);
    expect(new Set(tokens).size).toBe(tokens.length);
    // The module's own address in its filters: the destination of what comes in.
    for (const [n, file] of inOrder.entries()) {
      const own = /destination-address:: (\S+)/.exec(read(`pol/${file}`))![1]!;
      const value = new RegExp(`^${own} = (\\S+)`, 'm').exec(read('def/NETWORK.net'))![1];
      expect(value).toBe(`${policy.modules[n]!.address}/32`);
    }
  });
});
