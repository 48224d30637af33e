import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { commentText, reasonText } from '../../src/report/firewall/names.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { carried, parseCapirca, parseIptables, parseNftables, type JsonRule, type ParsedRule } from '../support/firewall.ts';
import { firewall } from '../support/firewall.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/firewall.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

/** The sample modules of the policy's goldens, with the options that describe them. */
const samples: Record<string, string[]> = {
  nio: ['samples/firewall-nio'],
  'osl-system': ['samples/firewall-osl-system'],
  bridges: ['samples/firewall-bridges'],
  conditional: ['--include-conditional', 'samples/firewall-conditional'],
  'stock-posix': ['--address', '10.9.9.9', '--system', 'lab', 'samples/stock-posix'],
};

interface JsonPolicy {
  modules: Array<{ name: string; address: string | null; rules: JsonRule[] }>;
}

async function jsonPolicy(args: string[]): Promise<JsonPolicy> {
  const result = await firewall(['--format', 'json', ...args]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as JsonPolicy;
}

/** What a format says of each module's rules must be the JSON rules, one to one, in order, with their reasons. */
function expectSameRules(parsed: ParsedRule[][], policy: JsonPolicy, commentLength: number): void {
  expect(parsed.map((rules) => rules.map(({ comment: _, ...rule }) => rule))).toEqual(policy.modules.map((module) => module.rules.map(carried)));
  const comments = policy.modules.map((module) => module.rules.map((rule) => commentText(reasonText(rule), commentLength)));
  expect(parsed.map((rules) => rules.map((rule) => rule.comment))).toEqual(comments);
}

function tool(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

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
    await expect(`${result.stdout}\n--- stderr\n${result.stderr}`).toMatchFileSnapshot(`../fixtures/firewall/${name}.txt`);
  });

  it('nftables: nft -c -f accepts it, and its rules are the JSON rules', async () => {
    const result = await firewall(['--format', 'nftables', ...args]);
    expect(result.status).toBe(0);
    const file = join(temporaryDirectory(), 'vos.nft');
    writeFileSync(file, result.stdout);
    const checked = tool('nft', ['-c', '-f', file]);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
    expectSameRules(parseNftables(result.stdout), await jsonPolicy(args), 128);
    await expect(result.stdout).toMatchFileSnapshot(`../fixtures/firewall/${name}.nft`);
  });

  it('iptables: iptables-restore --test accepts it, and its rules are the JSON rules', async () => {
    const result = await firewall(['--format', 'iptables', ...args]);
    expect(result.status).toBe(0);
    const checked = tool('iptables-restore', ['--test'], result.stdout);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
    expectSameRules(parseIptables(result.stdout), await jsonPolicy(args), 256);
  });

  it('capirca: aclgen renders every policy for Juniper and Cisco, and its rules are the JSON rules', async () => {
    const dir = temporaryDirectory();
    const result = await firewall(['--format', 'capirca', '--output', dir, ...args]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const generated = tool('aclgen', [`--base_directory=${dir}`, `--definitions_directory=${join(dir, 'def')}`, `--output_directory=${join(dir, 'out')}`]);
    expect(generated.status, generated.output).toBe(0);
    expect(generated.output).not.toMatch(/Traceback|ERROR|^E\d/m);
    const policies = readdirSync(join(dir, 'pol')).sort();
    const policy = await jsonPolicy(args);
    expect(policies).toHaveLength(policy.modules.length);
    const outputs = readdirSync(join(dir, 'out')).sort();
    expect(outputs).toEqual(policies.flatMap((file) => [file.replace(/\.pol$/, '.acl'), file.replace(/\.pol$/, '.jcl')]).sort());
    const read = (path: string) => readFileSync(join(dir, path), 'utf8');
    // The policies in the order of the run's modules: named by module, so not in the order of their file names.
    const inOrder = policy.modules.map((module) => policies.find((file) => read(`pol/${file}`).includes(`for module ${module.name}.`))!);
    expectSameRules(parseCapirca(inOrder.map((file) => read(`pol/${file}`)), read('def/NETWORK.net'), read('def/SERVICES.svc')), policy, 200);
  });
});
