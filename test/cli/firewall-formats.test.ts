import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { expectSameRules, firewall, jsonPolicy, parseIptables, parseNftables, samples } from '../support/firewall.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/firewall.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

describe.each(Object.entries(samples))('vos-audit firewall on %s', (name, args) => {
  it('json: matches docs/firewall.schema.json, and the golden', async () => {
    const result = await firewall(['--format', 'json', ...args]);
    expect(result.status).toBe(0);
    const policy = JSON.parse(result.stdout);
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    await expect(result.stdout).toMatchFileSnapshot(`../fixtures/firewall/${name}.json`);
  });

  it('table: the golden, with what stderr says was left out', async () => {
    const result = await firewall(args);
    expect(result.status).toBe(0);
    await expect(`${result.stdout}\n--- stderr\n${result.stderr}`).toMatchFileSnapshot(
      `../fixtures/firewall/${name}.txt`,
    );
  });

  it('nftables: the golden, and its rules are the JSON rules (nft -c checks it in the e2e run)', async () => {
    const result = await firewall(['--format', 'nftables', ...args]);
    expect(result.status).toBe(0);
    expectSameRules(parseNftables(result.stdout), await jsonPolicy(args), 128, { kind: 'nftables' });
    await expect(result.stdout).toMatchFileSnapshot(`../fixtures/firewall/${name}.nft`);
  });

  it.each([
    ['iptables', 4],
    ['ip6tables', 6],
  ] as const)('%s: its rules are the JSON rules (the e2e run checks it with the tool)', async (format, family) => {
    const result = await firewall(['--format', format, ...args]);
    expect(result.status).toBe(0);
    expectSameRules(parseIptables(result.stdout), await jsonPolicy(args), 256, { kind: 'iptables', family });
  });

  it('--stateless: nftables and iptables carry the JSON rules, replies included', async () => {
    const stateless = ['--stateless', ...args];
    const policy = await jsonPolicy(stateless);
    expect(policy.stateful).toBe(false);
    const nft = await firewall(['--format', 'nftables', ...stateless]);
    expectSameRules(parseNftables(nft.stdout), policy, 128, { kind: 'nftables' });
    const iptables = await firewall(['--format', 'iptables', ...stateless]);
    expectSameRules(parseIptables(iptables.stdout), policy, 256, { kind: 'iptables', family: 4 });
  });
});
