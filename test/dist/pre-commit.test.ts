import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../support/sources.ts';
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

    const audit = sh('pre-commit', ['try-repo', repository, 'vos-audit', '--files', 'm1/inetd.conf'], repo);
    expect(audit.output).toMatch(/vos-audit\.+Failed/);
    expect(audit.output).toContain('m1/inetd.conf:7:1   error    Unexpected active tiny service echo/tcp (port 7)');
    expect(audit.output, 'the hook sees the whole module').toContain('m1/module_start_up.cm:39:1');
    expect(audit.status).toBe(1);

    const fix = sh('pre-commit', ['try-repo', repository, 'vos-audit-fix', '--files', 'm1/inetd.conf'], repo);
    expect(fix.output).toMatch(/vos-audit \(fix\)\.+Failed/);
    expect(fix.output).toContain('files were modified by this hook');
    expect(fix.status).toBe(1);
    expect(readFileSync(join(repo, 'm1', 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');

    sh('git', ['add', '-A'], repo);
    const again = sh('pre-commit', ['try-repo', repository, 'vos-audit', '--files', 'm1/inetd.conf'], repo);
    expect(again.output).toMatch(/vos-audit\.+Passed/);
    expect(again.status).toBe(0);
  });
});
