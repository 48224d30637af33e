import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.ts';
import { canonicalAddress } from '../../src/util/address.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { expectUserError, vosAudit } from '../support/cli.ts';
import { moduleFiles, nmapFixture } from '../support/verify.ts';

function writeModules(dir: string, configs: Record<string, object>): void {
  for (const [name, config] of Object.entries(configs)) {
    mkdirSync(join(dir, name), { recursive: true });
    for (const [file, text] of Object.entries(moduleFiles)) writeFileSync(join(dir, name, file), text);
    writeFileSync(join(dir, name, '.vos-audit.json'), JSON.stringify(config));
  }
}

describe('a module address', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    ['FD00:0:0::3', 'fd00::3'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80::1%ETH0', 'fe80::1%eth0'],
  ])('%s is an address, written %s', (text, canonical) => expect(canonicalAddress(text)).toBe(canonical));

  it.each(['10.1.2', '10.1.2.3/24', 'm1.example.com', '10.1.2.3:22', '', '[::1]'])('%j is not an address', (text) =>
    expect(canonicalAddress(text)).toBeUndefined(),
  );

  it('.vos-audit.json takes "address" as an IPv4 or IPv6 address, and names the mistake otherwise', () => {
    const dir = temporaryDirectory();
    const config = join(dir, '.vos-audit.json');
    writeFileSync(config, '{"address": "FD00::0:3"}');
    expect(loadConfig(config).addresses).toEqual(['fd00::3']);
    writeFileSync(config, '{"address": "m1.example.com"}');
    expect(() => loadConfig(config)).toThrow(
      `${config}:1:13: 'address' must be the module's IPv4 or IPv6 address, or a list of them, such as "10.1.2.3" or ["10.1.2.3", "fd00::3"]`,
    );
  });

  it('verify: --address that is not an address, --address over several modules, and one address for two modules exit 2', async () => {
    const dir = temporaryDirectory();
    writeModules(dir, { m1: { address: '10.1.2.3' }, m2: { address: '10.1.2.3' } });
    const scan = nmapFixture('several-hosts.xml');
    const bad = await vosAudit(['verify', '--scan', scan, '--address', '10.1.2', 'm1'], { cwd: dir });
    expectUserError(bad, '--address', "'10.1.2'");
    const several = await vosAudit(['verify', '--scan', scan, '--address', '10.1.2.3', 'm1', 'm2'], { cwd: dir });
    expectUserError(several, '--address', '(m1, m2)');
    const shared = await vosAudit(['verify', '--scan', scan, 'm1', 'm2'], { cwd: dir });
    expectUserError(shared, 'm1', 'm2', '10.1.2.3', '"address"');
  });

  it('verify without --scan is a usage error', async () => {
    const result = await vosAudit(['verify', '.'], { cwd: temporaryDirectory() });
    expectUserError(result, '--scan');
  });
});
