import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

/** `vos-audit ports --format json --release 19.3` on samples/control-flow, in-process, from the samples folder. */
async function ports(...options: string[]): Promise<string> {
  const result = await runCli(
    ['ports', '--format', 'json', '--release', '19.3', ...options, 'control-flow'],
    samplesDir,
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('the control-flow sample, reviewed as goldens', () => {
  it.each([
    ['without --products: sshd and Samba conditional on their products', [], 'control-flow.ports.json'],
    [
      '--products S270: sshd live past the conditional &return, Samba live as S269 is not purchased',
      ['--products', 'S270'],
      'control-flow.products-S270.ports.json',
    ],
    [
      '--products S269: sshd off, the &goto skips Samba',
      ['--products', 'S269'],
      'control-flow.products-S269.ports.json',
    ],
  ])('%s', async (_, options, golden) => {
    await expect(await ports(...options)).toMatchFileSnapshot(`../fixtures/model/${golden}`);
  });

  it('prints the conditions in words, and one row for the portmapper started on both branches', async () => {
    const { modules } = JSON.parse(await ports());
    const row = (daemon: string, port: number) =>
      modules[0].listeners.find((l: { daemon: string; port: number }) => l.daemon === daemon && l.port === port);
    expect(row('sshd', 22)).toMatchObject({ state: 'conditional', condition: '(software_purchased S270)' });
    expect(row('smbd', 139)).toMatchObject({ state: 'conditional', condition: 'not (software_purchased S269)' });
    expect(row('portmap', 111)).toMatchObject({
      state: 'live',
      evidence: ['control-flow/module_start_up.cm:16', 'control-flow/module_start_up.cm:17'],
    });
    expect(row('httpd', 80)).toMatchObject({
      condition: "(module_name) = 'm1' and (exists -file (master_disk)>site>httpd.conf)",
    });
  });

  it('without --release, a port some releases lack adds their condition to the branch’s', async () => {
    const result = await runCli(['ports', '--format', 'json', 'control-flow'], samplesDir);
    const sshd = JSON.parse(result.stdout).modules[0].listeners.find((l: { daemon: string }) => l.daemon === 'sshd');
    expect(sshd).toMatchObject({
      state: 'conditional',
      condition: '(software_purchased S270) and (VOS 14.7 or 15.1+)',
    });
  });
});
