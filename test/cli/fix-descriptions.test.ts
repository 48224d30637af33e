import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const macro = [
  "start_process 'telnet_msd -network_port 24' -privileged &+",
  '   -process_name telnet_msd',
  '&if (exists x)',
  "&then start_process 'telnet_msd -network_port 2024' -privileged",
  'display_line done',
  '',
].join('\n');

function module(): string {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'module_start_up.cm'), macro);
  writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  return dir;
}

describe('--fix lists each change with what it changed, under the file, without repeating its path', () => {
  it('names the statement a macro change commented out, as inetd changes name the service', async () => {
    const dir = module();
    const result = await vosAudit(['--fix', '--suggestions', dir]);
    expect(result.stdout).toContain(`fixed ${dir}/inetd.conf (1 change):\n  commented out line 1 (echo/tcp)\n`);
    expect(result.stdout).toContain(
      [
        `fixed ${dir}/module_start_up.cm (2 changes):`,
        "  commented out lines 1–2: start_process 'telnet_msd -network_port 24' …",
        "  commented out line 4 in a &do block: start_process 'telnet_msd -network_port 2024' …",
      ].join('\n'),
    );
    const changes = result.stdout.split('\n').filter((line) => line.startsWith('  commented out'));
    for (const change of changes) expect(change).not.toContain(dir);
  });

  it('gives the same descriptions to the suggestions of the JSON report', async () => {
    const dir = module();
    const json = JSON.parse((await vosAudit(['--format', 'json', dir])).stdout);
    const macroFile = json.files.find((file: { kind: string }) => file.kind === 'macro');
    const descriptions = macroFile.messages.flatMap((m: { suggestions?: Array<{ description: string }> }) =>
      (m.suggestions ?? []).map((s) => s.description),
    );
    expect(descriptions).toEqual([
      "commented out lines 1–2: start_process 'telnet_msd -network_port 24' …",
      "commented out line 4 in a &do block: start_process 'telnet_msd -network_port 2024' …",
    ]);
  });
});
