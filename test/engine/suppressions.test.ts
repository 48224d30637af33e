import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

function module(): string {
  const dir = temporaryDirectory();
  cpSync(join(samplesDir, 'stock-posix'), join(dir, 'm1'), { recursive: true });
  return dir;
}

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('suppression comments', () => {
  it('silence the next entry of inetd.conf, are counted, and keep --fix off that line', async () => {
    const dir = module();
    edit(join(dir, 'm1', 'inetd.conf'), (text) =>
      text.replace(
        'echo\tstream',
        '# vos-audit-disable-next-line inetd-dos-tiny-service -- the load balancer probes tcp/7\n\necho\tstream',
      ),
    );
    const result = await runCli(['m1/inetd.conf'], dir);
    expect(result.stdout).not.toMatch(/inetd\.conf:9:1 .*echo\/tcp/);
    expect(result.stdout).toContain('m1/inetd.conf:10:1  error    echo/udp (port 7) is active');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(
      '11 problems (6 errors, 5 warnings, 0 infos) in 1 file (1 suppressed); 10 fixable with --fix',
    );
    await runCli(['--fix', 'm1/inetd.conf'], dir);
    const fixed = readFileSync(join(dir, 'm1', 'inetd.conf'), 'utf8');
    expect(fixed).toContain('\n\necho\tstream\ttcp');
    expect(fixed).toContain('\n#echo\tdgram\tudp');
  });

  it('silence a whole file with vos-audit-disable, in a macro with &', async () => {
    const dir = module();
    edit(
      join(dir, 'm1', 'module_start_up.cm'),
      (text) => `& vos-audit-disable telnet-msd-started -- needed by the order-entry forms\n${text}`,
    );
    const result = await runCli(['m1'], dir);
    expect(result.stdout).not.toContain('telnet-msd-started');
    expect(result.stdout).toMatch(/\(1 suppressed\)/);
  });

  it('report a suppression without a reason, and one that silences nothing', async () => {
    const dir = module();
    edit(
      join(dir, 'm1', 'inetd.conf'),
      (text) => `# vos-audit-disable inetd-swat\n# vos-audit-disable-next-line inetd-swat -- obsolete\n${text}`,
    );
    const result = await runCli(['--wide', 'm1/inetd.conf'], dir);
    expect(result.stdout).toContain(
      'm1/inetd.conf:1:1   warning  This suppression gives no reason: add `-- <why this finding does not apply here>` after the rule ids  suppression-without-reason',
    );
    expect(result.stdout).toContain(
      'm1/inetd.conf:2:1   warning  The suppression of inetd-swat silences nothing: no inetd-swat finding on line 9; remove it  unused-suppression',
    );
    expect(result.stdout).not.toContain('  inetd-swat\n');
  });

  it('do not act in the other syntax: # in a macro is not a suppression', async () => {
    const dir = module();
    edit(
      join(dir, 'm1', 'module_start_up.cm'),
      (text) => `# vos-audit-disable telnet-msd-started -- wrong marker\n${text}`,
    );
    expect((await runCli(['m1'], dir)).stdout).toContain('telnet-msd-started');
  });
});
