import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../support/sources.ts';
import { runLauncher } from '../support/processes.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const repository = new URL('../..', import.meta.url).pathname;
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const env = {
  ...process.env,
  PRE_COMMIT_HOME: temporaryDirectory('pre-commit-home-'),
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

function sh(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The real pre-commit, installing this repository's hooks with `language: node` as users get them. */
describe.skipIf(!hasPreCommit && !process.env.CI)('pre-commit hooks (pre-commit try-repo)', () => {
  it('fail on a staged inetd.conf with errors, fix it, then pass', { timeout: 600_000 }, () => {
    expect(hasPreCommit, 'CI must install pre-commit (.ci/run does)').toBe(true);
    const repo = temporaryDirectory('config-repo-');
    sh('git', ['init', '-q'], repo);
    cpSync(join(samplesDir, 'stock-posix'), join(repo, 'm1'), { recursive: true });
    sh('git', ['add', '-A'], repo);
    sh('git', ['commit', '-qm', 'stock module'], repo);
    cpSync(join(samplesDir, 'stock-posix', 'inetd.conf'), join(repo, 'm1', 'inetd.conf'));
    sh('git', ['add', 'm1/inetd.conf'], repo);
    const touch = readFileSync(join(repo, 'm1', 'inetd.conf'), 'utf8');
    expect(touch).toContain('\necho\tstream');

    // Both hooks in one try-repo, which installs the hooks' environment once a call: vos-audit runs first.
    const both = sh('pre-commit', ['try-repo', repository, '--files', 'm1/inetd.conf'], repo);
    const fixStarts = both.output.search(/^vos-audit \(fix\)\.+/m);
    expect(fixStarts).toBeGreaterThan(0);
    const [audit, fix] = [both.output.slice(0, fixStarts), both.output.slice(fixStarts)];
    expect(audit).toMatch(/vos-audit\.+Failed/);
    expect(audit).toContain('m1/inetd.conf:7:1   error    echo/tcp (port 7) is active');
    expect(audit, 'the hook sees the whole module').toContain('m1/module_start_up.cm:39:1');
    expect(fix).toMatch(/vos-audit \(fix\)\.+Failed/);
    expect(fix).toContain('files were modified by this hook');
    expect(both.status).toBe(1);
    expect(readFileSync(join(repo, 'm1', 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');

    sh('git', ['add', '-A'], repo);
    const again = sh('pre-commit', ['try-repo', repository, 'vos-audit', '--files', 'm1/inetd.conf'], repo);
    expect(again.output).toMatch(/vos-audit\.+Passed/);
    expect(again.status).toBe(0);
  });
});

describe.skipIf(!hasPreCommit && !process.env.CI)('pre-commit hooks on a staged .vos-audit.json', () => {
  it('a changed configuration alone audits the modules it configures', { timeout: 600_000 }, () => {
    expect(hasPreCommit, 'CI must install pre-commit (.ci/run does)').toBe(true);
    const repo = temporaryDirectory('pre-commit-staged-config-');
    try {
      for (const module of ['m1', 'm2'])
        cpSync(join(samplesDir, 'hardened'), join(repo, 'modules', module), { recursive: true });
      writeFileSync(join(repo, 'modules', 'm1', '.vos-audit.json'), '{}\n');
      sh('git', ['init', '-q'], repo);
      sh('git', ['add', '-A'], repo);
      sh('git', ['commit', '-qm', 'two hardened modules'], repo);
      const passing = sh(
        'pre-commit',
        ['try-repo', repository, 'vos-audit', '--files', 'modules/m1/.vos-audit.json'],
        repo,
      );
      expect(passing.output).toMatch(/vos-audit\.+Passed/);

      // The RSN's telnet port made an error by the module's own configuration, and then by one over both modules.
      writeFileSync(join(repo, 'modules', 'm1', '.vos-audit.json'), '{ "rules": { "rsn-telnet-port": "error" } }\n');
      sh('git', ['add', 'modules/m1/.vos-audit.json'], repo);
      const own = sh('pre-commit', ['try-repo', repository, 'vos-audit'], repo);
      expect(own.output).toMatch(/vos-audit\.+Failed/);
      expect(own.output).toContain('modules/m1/telnet_admin.txt:4:1');
      expect(own.output).not.toContain('modules/m2/');
      expect(own.status).toBe(1);

      sh('git', ['reset', '-q', '--hard'], repo);
      writeFileSync(join(repo, 'modules', '.vos-audit.json'), '{ "rules": { "rsn-telnet-port": "error" } }\n');
      sh('git', ['add', 'modules/.vos-audit.json'], repo);
      const shared = sh('pre-commit', ['try-repo', repository, 'vos-audit'], repo);
      expect(shared.output).toMatch(/vos-audit\.+Failed/);
      expect(shared.output).toContain('modules/m2/telnet_admin.txt:4:1');
      expect(shared.status).toBe(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

/** Each hook's entry from .pre-commit-hooks.yaml, as the arguments pre-commit puts before the staged file names. */
function hookArguments(): Array<[string, string[]]> {
  const hooks = readFileSync(join(repository, '.pre-commit-hooks.yaml'), 'utf8');
  return [...hooks.matchAll(/^- id: (\S+)[\s\S]*?^ {2}entry: vos-audit (.*)$/gm)].map((match) => [
    match[1]!,
    match[2]!.trim().split(/\s+/),
  ]);
}

describe('staged file names cannot inject options into the hooks', () => {
  it.each(hookArguments())('%s: files named --config=c.cm and c.cm do not turn the rules off', (_id, entry) => {
    const repo = temporaryDirectory('config-repo-');
    try {
      const offConfig = JSON.stringify({ rules: { 'inetd-dos-tiny-service': 'off', 'inetd-tiny-service': 'off' } });
      writeFileSync(join(repo, 'c.cm'), offConfig);
      writeFileSync(join(repo, '--config=c.cm'), offConfig);
      writeFileSync(join(repo, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
      const result = runLauncher([...entry, '--config=c.cm', 'c.cm', 'inetd.conf'], repo);
      if (entry.includes('--fix'))
        expect(readFileSync(join(repo, 'inetd.conf'), 'utf8')).toBe('#echo stream tcp nowait root internal\n');
      else {
        expect(result.stdout).toContain('echo/tcp (port 7) is active');
        expect(result.status).toBe(1);
      }
      expect(entry.at(-1), 'the entry ends the options').toBe('--');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
