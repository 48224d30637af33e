import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameRules, firewall, jsonPolicy, parseCapirca, samples, tool } from '../support/firewall.ts';
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

  it('iptables: iptables-restore --test accepts it', async () => {
    const result = await firewall(['--format', 'iptables', ...args]);
    expect(result.status).toBe(0);
    const checked = tool('iptables-restore', ['--test'], result.stdout);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
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
      policies.find((file) => read(`pol/${file}`).includes(`for module ${module.name}.`))!,
    );
    expectSameRules(
      parseCapirca(
        inOrder.map((file) => read(`pol/${file}`)),
        read('def/NETWORK.net'),
        read('def/SERVICES.svc'),
      ),
      policy,
      200,
    );
  });
});
