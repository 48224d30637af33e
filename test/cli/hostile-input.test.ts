import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('hostile names and contents', () => {
  it('shows control characters and terminal escapes escaped in text, and exactly in JSON', async () => {
    const dir = temporaryDirectory();
    const name = 'evil\u001b]0;pwned\u0007.conf';
    writeFileSync(
      join(dir, name),
      'echo\u001b[2J stream tcp nowait root internal\necho stream tcp nowait root internal\n',
    );
    const text = await runCli(['--kind', `${name}=inetd`, name], dir);
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text.stdout).toContain('evil\\x1b]0;pwned\\x07.conf:2:1');
    expect(text.stdout).toContain("Service name 'echo\\x1b[2J'");
    const json = JSON.parse((await runCli(['--kind', `${name}=inetd`, '--format', 'json', name], dir)).stdout);
    expect(json.files[0].path).toBe(name);
    expect(json.files[0].messages.map((m: { reason: string }) => m.reason)).toContain(
      "Service name 'echo\u001b[2J' maps to no port (it is not in the services file): inetd cannot listen for it; write a name from the services file or a port number",
    );
    const sarif = JSON.parse((await runCli(['--kind', `${name}=inetd`, '--format', 'sarif', name], dir)).stdout);
    expect(sarif.runs[0].artifacts[0].location.uri).toBe(encodeURIComponent(name));
  });

  it('never reads a called macro by the path the macro names, only the module’s own files', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'secret.cm'), "start_process 'sshd.pm'\n");
    const module = join(dir, 'm1');
    cpSync(join(samplesDir, 'hardened'), module, { recursive: true });
    writeFileSync(
      join(module, 'module_start_up.cm'),
      `!${dir}/secret.cm\n!../secret.cm\n!(master_disk)>..>secret.cm\n`,
    );
    const ports = JSON.parse((await runCli(['ports', '--format', 'json', 'm1'], dir)).stdout).modules[0];
    expect(ports.listeners.some((l: { daemon: string }) => l.daemon === 'sshd')).toBe(false);
    expect(ports.unresolved).toHaveLength(3);
  });
});
