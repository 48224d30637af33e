import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AttributeIndex } from '../../src/io/extended-attributes.ts';
import { identityOf } from '../../src/io/held-directory.ts';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));
const hasTools =
  spawnSync('setfattr', ['--version']).status === 0 &&
  spawnSync('setfacl', ['--version']).status === 0 &&
  spawnSync('getfattr', ['--version']).status === 0;
if (!hasTools)
  console.warn('fix-attributes.e2e.test.ts: setfattr, setfacl or getfattr missing (apt-get install attr acl); skipped');

function setAttribute(path: string, name: string, value: string): void {
  expect(spawnSync('setfattr', ['-n', name, '-v', value, path]).status).toBe(0);
}

/** Modules m0, m1, ... each of the stock inetd.conf. */
function modules(count: number): { dir: string; names: string[] } {
  const dir = temporaryDirectory('vos-audit-fix-attributes-');
  const names = Array.from({ length: count }, (_, i) => `m${i}`);
  for (const name of names) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'inetd.conf'), stock);
  }
  return { dir, names };
}

/** The attributes the index gives the file at `path`, opened as a write would open it. */
function listedFor(index: AttributeIndex, path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    return index.attributesOf(fd, identityOf(fstatSync(fd, { bigint: true })));
  } finally {
    closeSync(fd);
  }
}

/**
 * A getfattr first in PATH that notes each run in a file, then runs the real one: how many processes a run started,
 * with the real tool's answers. `firstRun`, when given, is what the first run does instead.
 */
function countGetfattrRuns(firstRun?: string): () => number {
  const bin = temporaryDirectory('vos-audit-fix-attributes-bin-');
  const log = join(bin, 'runs');
  writeFileSync(log, '');
  const real = spawnSync('sh', ['-c', 'command -v getfattr'], { encoding: 'utf8' }).stdout.trim();
  const first = firstRun === undefined ? '' : `[ -s '${log}' ] || { echo run >> '${log}'; ${firstRun}; exit 0; }\n`;
  writeFileSync(join(bin, 'getfattr'), `#!/bin/sh\n${first}echo run >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, 'getfattr'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  onTestFinished(() => {
    process.env.PATH = path;
  });
  return () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
}

describe.skipIf(!hasTools)('extended attributes before --fix writes', () => {
  it('lists the files of more than one getfattr run, each file with its own attributes', () => {
    // 300 files: two runs of getfattr, with a file of attributes in each.
    const { dir, names } = modules(300);
    const paths = names.map((name) => join(dir, name, 'inetd.conf'));
    setAttribute(paths[3]!, 'user.origin', 'cmdb');
    setAttribute(paths[270]!, 'user.owner', 'network team');
    expect(spawnSync('setfacl', ['-m', 'u:nobody:r', paths[270]!]).status).toBe(0);
    const index = AttributeIndex.of(paths);
    const listed = paths.map((path) => listedFor(index, path));
    expect(listed[3]).toEqual(['user.origin']);
    expect(listed[270]).toEqual(['system.posix_acl_access', 'user.owner']);
    expect(listed.filter((attributes) => attributes.length > 0)).toHaveLength(2);
  });

  it('asks about a file put in place of a listed one when it is written', () => {
    const { dir } = modules(1);
    const path = join(dir, 'm0', 'inetd.conf');
    const index = AttributeIndex.of([path]);
    writeFileSync(`${path}.new`, stock);
    setAttribute(`${path}.new`, 'user.origin', 'cmdb');
    renameSync(`${path}.new`, path);
    expect(listedFor(index, path)).toEqual(['user.origin']);
  });

  it('refuses the files that have attributes and writes the others, with one getfattr run for them all', async () => {
    const { dir, names } = modules(12);
    setAttribute(join(dir, 'm7', 'inetd.conf'), 'user.origin', 'cmdb');
    const runs = countGetfattrRuns();
    const result = await runCli(['--fix', ...names], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'vos-audit: cannot write m7/inetd.conf: it has extended attributes or an ACL (user.origin), which the rewritten file would not keep; the file is unchanged',
    );
    for (const name of names)
      expect(readFileSync(join(dir, name, 'inetd.conf')).equals(stock), name).toBe(name === 'm7');
    expect(runs()).toBe(1);
  });

  it('asks about each file on its own when the run that lists them all fails', async () => {
    const { dir, names } = modules(3);
    setAttribute(join(dir, 'm1', 'inetd.conf'), 'user.origin', 'cmdb');
    // More output than vos-audit reads of a run (64 MB): the run fails, and none of its files is known.
    const runs = countGetfattrRuns('head -c 70000000 /dev/zero');
    const result = await runCli(['--fix', ...names], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot write m1/inetd.conf');
    expect(readFileSync(join(dir, 'm1', 'inetd.conf')).equals(stock)).toBe(true);
    expect(runs()).toBeGreaterThan(1);
  });
});
