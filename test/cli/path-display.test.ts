import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** `dir/m1/inetd.conf` with an error on line 1, and a module `dir/m2` laid out as on VOS: `system/module_start_up.cm`, `system/stcp/inetd.conf`. */
function tree(): string {
  const dir = temporaryDirectory();
  mkdirSync(join(dir, 'm1'));
  writeFileSync(join(dir, 'm1', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  mkdirSync(join(dir, 'm2', 'system', 'stcp'), { recursive: true });
  writeFileSync(join(dir, 'm2', 'system', 'stcp', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
  writeFileSync(join(dir, 'm2', 'system', 'module_start_up.cm'), 'display_line hello\n');
  return dir;
}

/** The file part of each finding row of a text report. */
async function shownFiles(args: string[], cwd: string): Promise<string[]> {
  const result = await vosAudit(args, { cwd });
  expect(result.stderr).toBe('');
  return [
    ...new Set([...result.stdout.matchAll(/^(.+):\d+:\d+ +(?:error|warning|info) /gm)].map((match) => match[1]!)),
  ];
}

describe('paths in reports are shown as the user gave them', () => {
  it('keeps .. and an absolute path as written, from another directory', async () => {
    const dir = tree();
    const roundabout = `${dirname(dir)}/../${basename(dirname(dir))}/${basename(dir)}/m1`;
    expect(await shownFiles([roundabout], join(dir, 'm2'))).toEqual([`${roundabout}/inetd.conf`]);
    expect(await shownFiles([`${roundabout}/inetd.conf`], join(dir, 'm2'))).toEqual([`${roundabout}/inetd.conf`]);
  });

  it('from /, an absolute path keeps its slash and a relative one stays relative', async () => {
    const dir = tree();
    expect(await shownFiles([`${dir}/m1`], '/')).toEqual([`${dir}/m1/inetd.conf`]);
    expect(await shownFiles([`${dir.slice(1)}/m1`], '/')).toEqual([`${dir.slice(1)}/m1/inetd.conf`]);
  });

  it('inside the module: bare names for . and no path, ./ and ../ kept, no doubled slash', async () => {
    const dir = tree();
    const m1 = join(dir, 'm1');
    expect(await shownFiles([], m1)).toEqual(['inetd.conf']);
    expect(await shownFiles(['.'], m1)).toEqual(['inetd.conf']);
    expect(await shownFiles(['./'], m1)).toEqual(['./inetd.conf']);
    expect(await shownFiles(['../m1'], m1)).toEqual(['../m1/inetd.conf']);
    expect(await shownFiles(['m1/'], dir)).toEqual(['m1/inetd.conf']);
  });

  it('--expand-modules shows the module of a file as the file was spelt', async () => {
    const dir = tree();
    const result = await vosAudit(['--expand-modules', '--format', 'json', './m2/system/stcp/inetd.conf'], {
      cwd: dir,
    });
    const report = JSON.parse(result.stdout);
    expect(report.modules.map((module: { name: string }) => module.name)).toEqual(['./m2']);
    expect(report.files.map((file: { path: string }) => file.path)).toEqual([
      './m2/system/module_start_up.cm',
      './m2/system/stcp/inetd.conf',
    ]);
    const absolute = JSON.parse(
      (await vosAudit(['--expand-modules', '--format', 'json', `${dir}/m2/system/stcp/inetd.conf`], { cwd: '/' }))
        .stdout,
    );
    expect(absolute.modules[0].name).toBe(`${dir}/m2`);
  });

  it('the ports table’s module and evidence use the same spelling', async () => {
    const dir = tree();
    const ports = JSON.parse((await vosAudit(['ports', '--format', 'json', `${dir}/./m1`], { cwd: '/' })).stdout);
    expect(ports.modules[0].name).toBe(`${dir}/./m1`);
    expect(ports.modules[0].listeners[0].evidence).toEqual([`${dir}/./m1/inetd.conf:1`]);
  });

  it('SARIF, read by tools, locates files below the working directory relative to it, others by file URI', async () => {
    const dir = tree();
    const sarif = async (path: string, cwd: string) =>
      JSON.parse((await vosAudit(['--format', 'sarif', path], { cwd })).stdout).runs[0].artifacts[0].location;
    expect(await sarif('./m1/../m1', dir)).toEqual({ uri: 'm1/inetd.conf', uriBaseId: 'SRCROOT' });
    expect(await sarif('../m1', join(dir, 'm2'))).toEqual({ uri: pathToFileURL(join(dir, 'm1', 'inetd.conf')).href });
  });
});
