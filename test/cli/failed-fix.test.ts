import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const inetd = 'echo stream tcp nowait root internal\ndiscard stream tcp nowait root internal\n';
const macro = "start_process 'telnet_msd -network_port 24' -privileged\ndisplay_line done\n";

/** A module whose inetd.conf is read-only and whose macro can be written. */
function module(): string {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'inetd.conf'), inetd);
  writeFileSync(join(dir, 'module_start_up.cm'), macro);
  chmodSync(join(dir, 'inetd.conf'), 0o444);
  return dir;
}

describe('a --fix that cannot write a file', () => {
  it('exits 2, leaves the file intact, says which fixes were not written, and reports the files as they are on disk', async () => {
    const dir = module();
    const result = await vosAudit(['--wide', '--fix', '--suggestions', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(readFileSync(join(dir, 'inetd.conf'), 'utf8')).toBe(inetd);
    expect(result.stderr.split('\n')).toEqual([
      'vos-audit: cannot write inetd.conf: it is read-only; the file is unchanged',
      'vos-audit: not written to inetd.conf: commented out line 1 (echo/tcp)',
      'vos-audit: not written to inetd.conf: commented out line 2 (discard/tcp)',
      '',
    ]);
    // The macro was written, and is listed as fixed; inetd.conf is reported as it is on disk: both findings, at their lines.
    expect(readFileSync(join(dir, 'module_start_up.cm'), 'utf8')).toBe(`& ${macro}`);
    expect(result.stdout).toContain(
      "fixed module_start_up.cm (1 change):\n  commented out line 1: start_process 'telnet_msd -network_port 24' …\n",
    );
    expect(result.stdout).not.toContain('fixed inetd.conf');
    expect(result.stdout).toMatch(/^inetd\.conf:1:1 +error +.*inetd-dos-tiny-service$/m);
    expect(result.stdout).toMatch(/^inetd\.conf:2:1 +warning +.*inetd-tiny-service$/m);
    expect(result.stdout).not.toMatch(/telnet-msd-started/);
  });

  it('JSON: the unwritten file has no applied fixes and is not changed; the written one is', async () => {
    const dir = module();
    const result = await vosAudit(['--fix', '--suggestions', '--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    const files = Object.fromEntries(
      JSON.parse(result.stdout).files.map((file: { path: string }) => [file.path, file]),
    );
    expect(files['inetd.conf']).toMatchObject({ changed: false, applied: [] });
    expect(files['inetd.conf'].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(
      expect.arrayContaining(['inetd-dos-tiny-service', 'inetd-tiny-service']),
    );
    expect(files['module_start_up.cm']).toMatchObject({ changed: true });
    expect(JSON.parse(result.stdout).summary.fixed).toBe(1);
  });
});
