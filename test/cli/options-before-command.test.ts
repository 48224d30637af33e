import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

const run = (args: string[]) => runCli(args, samplesDir);

describe('options given before the command name', () => {
  it.each([
    [['--format', 'json'], 'ports', ['stock-posix']],
    [['-f', 'csv'], 'ports', ['stock-posix']],
    [['--products', 'S270', '--release', '17.1'], 'firewall', ['--format', 'json', 'firewall-conditional']],
    [['--products=S270', '--release=17.1'], 'firewall', ['firewall-conditional']],
  ])('%j %s mean what they mean after it', async (options, command, rest) => {
    const before = await run([...options, command, ...rest]);
    const after = await run([command, ...options, ...rest]);
    const without = await run([command, ...rest]);
    expect(before.status).toBe(0);
    expect(before.stderr).toBe(after.stderr);
    expect(before.stdout).toBe(after.stdout);
    // The options change the output, so equal outputs show they were read, not dropped.
    expect(after.stdout).not.toBe(without.stdout);
  });

  it('refuses an option the command does not have, naming it, rather than ignoring it', async () => {
    const result = await run(['--fix', 'ports', 'stock-posix']);
    expectUserError(result, "'--fix'", '`vos-audit ports`', 'vos-audit --fix PATHS');
  });

  it('leaves a command name after -- a path, and a path first an audit', async () => {
    const audit = await run(['--format', 'json', 'stock-posix']);
    expect(JSON.parse(audit.stdout)).toHaveProperty('modules');
    const path = await run(['--format', 'json', '--', 'ports']);
    expect(path.status).toBe(2);
    expect(path.stderr).toMatch(/ports/);
  });
});
