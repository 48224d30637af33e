import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { nmapFixture } from '../support/verify.ts';

/** m1, whose start-up macro only calls a site macro it was not given: what that starts is unknown. */
function incompleteModule(address: string): string {
  const dir = temporaryDirectory();
  mkdirSync(join(dir, 'm1'));
  writeFileSync(join(dir, 'm1', 'module_start_up.cm'), '(master_disk)>system>site>site_start.cm\n');
  writeFileSync(join(dir, 'm1', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  writeFileSync(join(dir, 'm1', '.vos-audit.json'), JSON.stringify({ address, release: '17.1' }));
  return dir;
}

interface Finding {
  ruleId: string;
  reason: string;
  module: string | null;
  related: Array<{ file: string; reason: string; place: { start: { line: number } } }>;
}

describe('verify on an incomplete model', () => {
  it('every finding on the module names what the model could not decide, with its place', async () => {
    const dir = incompleteModule('10.1.2.3');
    const result = await vosAudit(['verify', '--scan', nmapFixture('several-hosts.xml'), '--format', 'json', 'm1'], {
      cwd: dir,
    });
    const findings: Finding[] = JSON.parse(result.stdout).findings;
    const onModule = findings.filter((finding) => finding.module === 'm1');
    // several-hosts.xml has tcp/21 open at 10.1.2.3, which nothing m1 was given starts.
    expect(onModule.map((finding) => finding.ruleId)).toContain('verify-unexplained-open-port');
    for (const finding of onModule) {
      expect(finding.reason).toContain(
        "; m1's model is incomplete, so this may be wrong: runs the macro (master_disk)>system>site>site_start.cm, " +
          "which is not among the module's files: what it starts is unknown (m1/module_start_up.cm:1)",
      );
      expect(finding.related).toContainEqual(
        expect.objectContaining({
          file: 'm1/module_start_up.cm',
          place: expect.objectContaining({ start: expect.objectContaining({ line: 1 }) }),
        }),
      );
    }
  });

  it('exits 2 with a line saying so when no module was matched to a host that is up in the scan', async () => {
    for (const address of ['10.1.2.99', '10.1.2.9']) {
      const result = await vosAudit(['verify', '--scan', nmapFixture('several-hosts.xml'), 'm1'], {
        cwd: incompleteModule(address),
      });
      expect(result.status).toBe(2);
      expect(result.stdout).toContain('m1 (');
      expect(result.stderr).toBe(
        'vos-audit: verify: no module was matched to a host that is up in the scan (1 given), so nothing was ' +
          'verified: scan their addresses, or set each module\'s "address" as the scan lists it\n',
      );
    }
  });
});
