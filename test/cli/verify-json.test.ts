import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChecks } from '../../src/scan/verify-checks.ts';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { moduleFiles, nmapFixture } from '../support/verify.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/verify.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

/** m1 to m4 as in several-hosts.xml: m1 up there, m2 down, m3 not in it, m4 without an address. */
const addresses: Record<string, string | undefined> = { m1: '10.1.2.3', m2: '10.1.2.9', m3: '10.1.2.5', m4: undefined };
let dir: string;

beforeAll(() => {
  dir = temporaryDirectory();
  for (const [name, address] of Object.entries(addresses)) {
    mkdirSync(join(dir, name));
    for (const [file, text] of Object.entries(moduleFiles)) writeFileSync(join(dir, name, file), text);
    writeFileSync(join(dir, name, '.vos-audit.json'), JSON.stringify(address ? { address } : {}));
  }
});

async function verifyJson(scan: string, args: string[]) {
  const result = await vosAudit(['verify', '--scan', nmapFixture(scan), '--format', 'json', ...args], { cwd: dir });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('verify --format json', () => {
  it.each([
    ['filtered.xml', ['--address', '10.1.2.3', 'm1']],
    ['several-hosts.xml', ['m1', 'm2', 'm3', 'm4']],
    ['ipv6.xml', ['--address', 'FD00:0::3', 'm1']],
  ])('the report on %s matches docs/verify.schema.json', async (scan, args) => {
    const report = await verifyJson(scan, args);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('several-hosts.xml: modules not verified have null host and tally, a host without a module a null module', async () => {
    const report = await verifyJson('several-hosts.xml', ['m1', 'm2', 'm3', 'm4']);
    expect(
      report.modules.map((m: { name: string; address: string | null; host: unknown; tally: unknown }) => [
        m.name,
        m.address,
        m.host === null,
        m.tally === null,
      ]),
    ).toEqual([
      ['m1', '10.1.2.3', false, false],
      ['m2', '10.1.2.9', true, true],
      ['m3', '10.1.2.5', true, true],
      ['m4', null, true, true],
    ]);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'verify-host-without-module')).toMatchObject({
      module: null,
      related: [],
    });
  });

  it('the schema names every verify check, and no other', () => {
    expect(schema.$defs.finding.properties.ruleId.enum).toEqual(verifyChecks.map((c) => c.id));
  });

  it('the schema rejects a wrong finding id, a severity not the check’s, and an extra field', async () => {
    const report = await verifyJson('filtered.xml', ['--address', '10.1.2.3', 'm1']);
    expect(validate(report)).toBe(true);
    const copy = () => structuredClone(report);

    const wrongId = copy();
    wrongId.findings[0].ruleId = 'verify-port-unknown';
    expect(validate(wrongId)).toBe(false);

    const wrongSeverity = copy();
    wrongSeverity.findings.find((f: { ruleId: string }) => f.ruleId === 'verify-live-port-closed').severity = 'error';
    expect(validate(wrongSeverity)).toBe(false);

    const extraTop = copy();
    extraTop.options = {};
    expect(validate(extraTop)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'options' } }),
    );

    const extraInTally = copy();
    extraInTally.modules[0].tally.open = 3;
    expect(validate(extraInTally)).toBe(false);
  });
});
