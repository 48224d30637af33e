import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplesDir } from './sources.ts';
import { temporaryDirectory } from './temporary.ts';

export interface Repository {
  dir: string;
  git: (...args: string[]) => string;
  commit: (message: string) => void;
}

/** A git repository of its own, named for the test and removed after its file, with a fixed identity. */
export function repository(test: string): Repository {
  const dir = temporaryDirectory(`vos-audit-baseline-${test}-${process.pid}-`);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
  git('init', '-q', '-b', 'main');
  return { dir, git, commit: (message) => (git('add', '-A'), git('commit', '-q', '-m', message)) };
}

/** A repository holding modules/m1 (the hardened sample) and modules/m2 (the stock one), committed. */
export function twoModules(test: string): Repository {
  const repo = repository(test);
  mkdirSync(join(repo.dir, 'modules'));
  cpSync(join(samplesDir, 'hardened'), join(repo.dir, 'modules/m1'), { recursive: true });
  cpSync(join(samplesDir, 'stock-posix'), join(repo.dir, 'modules/m2'), { recursive: true });
  repo.commit('two modules');
  return repo;
}

export function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** Uncomments the echo/tcp line of an inetd.conf: the tiny service the article advises against, made active. */
export const uncommentEcho = (text: string) => text.replace(/^#(echo\tstream\ttcp.*)$/m, '$1');
