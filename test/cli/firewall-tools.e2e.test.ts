import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collidingModules,
  expectSameRules,
  firewall,
  jsonPolicy,
  parseCapirca,
  samples,
  tool,
} from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// The loadable formats, checked by the tools that load them (Debian's nftables, iptables and python3-capirca).
describe.each(Object.entries(samples))('vos-audit firewall on %s', (_name, args) => {
  it('nftables: nft -c -f accepts it', async () => {
    const result = await firewall(['--format', 'nftables', ...args]);
    expect(result.status).toBe(0);
    const file = join(temporaryDirectory(), 'vos.nft');
    writeFileSync(file, result.stdout);
    const checked = tool('nft', ['-c', '-f', file]);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
  });

  it('nftables --stateless: nft -c -f accepts it', async () => {
    const result = await firewall(['--format', 'nftables', '--stateless', ...args]);
    expect(result.status).toBe(0);
    const file = join(temporaryDirectory(), 'vos.nft');
    writeFileSync(file, result.stdout);
    const checked = tool('nft', ['-c', '-f', file]);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
  });

  it.each([
    ['iptables', [], 'iptables-restore'],
    ['ip6tables', [], 'ip6tables-restore'],
    ['iptables', ['--stateless'], 'iptables-restore'],
    ['ip6tables', ['--stateless'], 'ip6tables-restore'],
  ])('%s %j: %s --test accepts it', async (format, options, restore) => {
    const result = await firewall(['--format', format, ...options, ...args]);
    expect(result.status).toBe(0);
    const checked = tool(restore, ['--test'], result.stdout);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
  });

  it('iptables --output: both rules.v4 and rules.v6, each accepted by its tool', async () => {
    const dir = temporaryDirectory();
    const result = await firewall(['--format', 'iptables', '--output', dir, ...args]);
    expect(result.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['rules.v4', 'rules.v6']);
    for (const [file, restore] of [
      ['rules.v4', 'iptables-restore'],
      ['rules.v6', 'ip6tables-restore'],
    ])
      expect(tool(restore!, ['--test'], readFileSync(join(dir, file!), 'utf8')).status).toBe(0);
  });

  it('capirca: aclgen renders every policy for Juniper and Cisco, and its rules are the JSON rules', async () => {
    const dir = temporaryDirectory();
    const result = await firewall(['--format', 'capirca', '--output', dir, ...args]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const generated = tool('aclgen', [
      `--base_directory=${dir}`,
      `--definitions_directory=${join(dir, 'def')}`,
      `--output_directory=${join(dir, 'out')}`,
    ]);
    expect(generated.status, generated.output).toBe(0);
    expect(generated.output).not.toMatch(/Traceback|ERROR|^E\d/m);
    const policies = readdirSync(join(dir, 'pol')).sort();
    const policy = await jsonPolicy(args);
    expect(policies).toHaveLength(policy.modules.length);
    const outputs = readdirSync(join(dir, 'out')).sort();
    expect(outputs).toEqual(
      policies.flatMap((file) => [file.replace(/\.pol$/, '.acl'), file.replace(/\.pol$/, '.jcl')]).sort(),
    );
    const read = (path: string) => readFileSync(join(dir, path), 'utf8');
    // The policies in the order of the run's modules: named by module, so not in the order of their file names.
    const inOrder = policy.modules.map((module) =>
      policies.find((file) => read(`pol/${file}`).includes(`policy of module ${module.name},`))!,
    );
    expectSameRules(
      parseCapirca(
        inOrder.map((file) => read(`pol/${file}`)),
        read('def/NETWORK.net'),
        read('def/SERVICES.svc'),
      ),
      await jsonPolicy(['--stateless', ...args]),
      200,
      { kind: 'capirca' },
    );
  });
});

// Names a format could fold into one (a and A; x's NIO and a module x_nio), through the tools that load them.
describe('colliding module names, through nft and aclgen', () => {
  const dir = temporaryDirectory();
  const { addresses, nio } = collidingModules(dir);

  it("nft, loaded in a network namespace of its own: x25_cpc's rule of x matches the NIO's address only", async () => {
    const result = await firewall(['--format', 'nftables', dir]);
    expect(result.status).toBe(0);
    const file = join(temporaryDirectory(), 'vos.nft');
    writeFileSync(file, result.stdout);
    // unshare gives the shell a network namespace that ends with it: nothing outside sees the ruleset.
    const listed = tool('unshare', ['--net', 'sh', '-c', `nft -f '${file}' && nft -a list table inet vos_audit`]);
    expect(listed.status, listed.output).toBe(0);
    const x25 = /^\s*ip daddr @(\S+) tcp sport \S+ tcp dport 48879 return/m.exec(listed.output)!;
    const set = new RegExp(`set ${x25[1]} \\{[^}]*elements = \\{ ([^}]+) \\}`).exec(listed.output)![1]!.trim();
    expect(set).toBe(nio);
    for (const address of Object.values(addresses)) expect(listed.output).toContain(address);
  });

  it("aclgen: each module's Cisco ACL names its own address", async () => {
    const out = temporaryDirectory();
    expect((await firewall(['--format', 'capirca', '--output', out, dir])).status).toBe(0);
    const generated = tool('aclgen', [
      `--base_directory=${out}`,
      `--definitions_directory=${join(out, 'def')}`,
      `--output_directory=${join(out, 'out')}`,
    ]);
    expect(generated.status, generated.output).toBe(0);
    const acls = readdirSync(join(out, 'out')).filter((f) => f.endsWith('.acl'));
    const compiled = acls.map((f) => readFileSync(join(out, 'out', f), 'utf8'));
    for (const [name, address] of Object.entries(addresses)) {
      const own = compiled.filter((acl) => acl.includes(`traffic to module ${join(dir, name)}\n`));
      expect(own, name).toHaveLength(1);
      expect(own[0]).toContain(`host ${address}`);
    }
    const x = compiled.find((acl) => acl.includes(`traffic from module ${join(dir, 'x')}\n`))!;
    expect(x).toContain(`host ${nio}`);
  });
});
