import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { validatorOf } from '../support/schemas.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { edit, twoModules, uncommentEcho } from '../support/git-repository.ts';
import { exampleAfter, expectExcerptOf, readme } from '../support/readme.ts';
import { samplesDir } from '../support/sources.ts';

interface Row {
  change: string;
  fields: string[];
  before: { protocol: string; port: string; program: string; service?: string; state: string } | null;
  after: {
    protocol: string;
    port: string;
    program: string;
    service?: string;
    state: string;
    evidence: string[];
  } | null;
}
interface Report {
  before: { name: string; commit?: string };
  modules: Array<{ name: string; from?: string; kind: string; settings: object[]; rows: Row[] }>;
  summary: Record<'opened' | 'closed' | 'changed' | 'added' | 'removed' | 'renamed', number>;
}

const validate = validatorOf('exposure-change.schema.json');

async function change(args: string[], cwd: string): Promise<{ report: Report; status: number | null }> {
  const result = await runCli([...args, '--format', 'json'], cwd);
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return { report, status: result.status };
}

/** A row as the test states it: its change, where, what, and the states on both sides. */
const shape = (row: Row) => ({
  change: row.change,
  at: `${(row.after ?? row.before)!.protocol}/${(row.after ?? row.before)!.port}`,
  program: (row.after ?? row.before)!.program,
  states: [row.before?.state ?? 'absent', row.after?.state ?? 'absent'],
});

describe('ports --baseline on real git repositories', () => {
  it('uncommenting the tiny echo/tcp service opens tcp/7, and nothing else changes', async () => {
    const repo = twoModules('uncomment');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    const { report, status } = await change(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(status).toBe(0);
    expect(report.before.commit).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(report.modules.map((m) => [m.name, m.kind])).toEqual([['modules/m1', 'changed']]);
    expect(report.modules[0]!.rows.map(shape)).toEqual([
      { change: 'opened', at: 'tcp/7', program: 'inetd', states: ['off', 'live'] },
    ]);
    expect(report.modules[0]!.rows[0]!.after!.evidence).toContain('modules/m1/inetd.conf:7');
    expect(report.summary).toEqual({ opened: 1, closed: 0, changed: 0, added: 0, removed: 0, renamed: 0 });
    const failing = await runCli(['ports', '--baseline', 'HEAD', '--fail-on', 'opened', 'modules'], repo.dir);
    expect(failing.status).toBe(1);
  });

  it('a start line added, committed, is the change since HEAD~1 and none since HEAD', async () => {
    const repo = twoModules('start-line');
    edit(join(repo.dir, 'modules/m1/module_start_up.cm'), (text) =>
      text.replace('&return', "start_process 'telnet_msd -network_port 25' -privileged -priority 7\n&return"),
    );
    repo.commit('telnet_msd on 25');
    const since = await change(['ports', '--baseline', 'HEAD~1', 'modules'], repo.dir);
    expect(since.report.modules[0]!.rows.map(shape)).toEqual([
      { change: 'opened', at: 'tcp/25', program: 'telnet_msd', states: ['absent', 'live'] },
    ]);
    const none = await runCli(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect([none.status, none.stdout.trim().split('\n').at(-1)]).toEqual([0, 'no change of exposure']);
  });

  it('a .vos-audit.json changed by the commit applies to its own side, and the change of settings is shown', async () => {
    const repo = twoModules('config');
    writeFileSync(join(repo.dir, 'modules/m1/.vos-audit.json'), '{"products": ["S269"]}\n');
    repo.commit('S269 only');
    writeFileSync(join(repo.dir, 'modules/m1/.vos-audit.json'), '{"products": ["S270"]}\n');
    const { report } = await change(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    const [m1] = report.modules;
    expect(m1!.settings).toEqual([{ setting: 'products', before: 'S269', after: 'S270' }]);
    // sshd starts `&if (software_purchased S270)`: not purchased at HEAD, purchased now.
    expect(m1!.rows.map(shape)).toContainEqual({
      change: 'opened',
      at: 'tcp/22',
      program: 'sshd',
      states: ['off', 'conditional'],
    });
  });

  it('a module folder renamed is one module renamed, with no row changed', async () => {
    const repo = twoModules('rename');
    repo.git('mv', 'modules/m2', 'modules/m2-renamed');
    const { report } = await change(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(report.modules).toEqual([
      { name: 'modules/m2-renamed', from: 'modules/m2', kind: 'renamed', settings: [], rows: [] },
    ]);
  });

  it('lines moved within a file change nothing', async () => {
    const repo = twoModules('move-lines');
    edit(join(repo.dir, 'modules/m2/inetd.conf'), (text) => {
      const lines = text.split('\n');
      const entries = lines.filter((line) => /^[a-z]/.test(line)).reverse();
      return [...lines.filter((line) => !/^[a-z]/.test(line)), '', '', ...entries].join('\n');
    });
    const { report } = await change(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(report.modules).toEqual([]);
  });

  it('a module deleted is removed, its live ports closed', async () => {
    const repo = twoModules('delete');
    rmSync(join(repo.dir, 'modules/m2'), { recursive: true });
    const { report } = await change(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(report.modules.map((m) => [m.name, m.kind])).toEqual([['modules/m2', 'removed']]);
    const rows = report.modules[0]!.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.change === 'closed' && row.after === null)).toBe(true);
    // The stock module's inetd.conf has echo/tcp active (its line 7): among what is closed.
    expect(rows.map(shape)).toContainEqual({
      change: 'closed',
      at: 'tcp/7',
      program: 'inetd',
      states: ['live', 'absent'],
    });
  });

  it('a file at the revision is read by the rules of the disk: a link out of the tree is refused on both sides', async () => {
    const repo = twoModules('symlink');
    const outside = temporaryDirectory(`vos-audit-baseline-symlink-outside-${process.pid}-`);
    writeFileSync(join(outside, 'inetd.conf'), 'echo\tstream\ttcp\tnowait\troot\tinternal\n');
    mkdirSync(join(repo.dir, 'modules/m3'));
    symlinkSync(join(outside, 'inetd.conf'), join(repo.dir, 'modules/m3/inetd.conf'));
    repo.commit('a link out');
    const result = await runCli(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^vos-audit: at HEAD: modules\/m3\/inetd\.conf is a symbolic link to .*not read$/);
    expect(lines[1]).toBe(lines[0]!.replace('at HEAD: ', ''));
  });

  it('the errors: no repository, an unknown revision, a path outside the work tree, a shallow clone', async () => {
    const repo = twoModules('errors');
    const plain = temporaryDirectory(`vos-audit-baseline-errors-plain-${process.pid}-`);
    cpSync(join(samplesDir, 'hardened'), join(plain, 'm1'), { recursive: true });
    const expectOneLine = async (args: string[], cwd: string, words: RegExp) => {
      const result = await runCli(args, cwd);
      expect([result.status, result.stdout]).toEqual([2, '']);
      expect(result.stderr).toMatch(/^vos-audit: [^\n]+\n$/);
      expect(result.stderr).toMatch(words);
    };
    await expectOneLine(['ports', '--baseline', 'HEAD', 'm1'], plain, /not in a git repository.*vos-audit diff/);
    await expectOneLine(
      ['ports', '--baseline', 'no-such-branch', 'modules'],
      repo.dir,
      /no-such-branch names no commit/,
    );
    await expectOneLine(['ports', '--baseline', 'HEAD', 'modules', plain], repo.dir, /outside the work tree/);
    repo.git('commit', '-q', '--allow-empty', '-m', 'second');
    const clone = temporaryDirectory(`vos-audit-baseline-errors-shallow-${process.pid}-`);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, join(clone, 'c')]);
    await expectOneLine(
      ['ports', '--baseline', 'HEAD~1', 'modules'],
      join(clone, 'c'),
      /shallow clone.*git fetch --unshallow.*vos-audit diff/,
    );
  });
});

describe('vos-audit diff OLD NEW', () => {
  it('pairs modules by their path below each directory', async () => {
    const root = temporaryDirectory(`vos-audit-baseline-diff-${process.pid}-`);
    for (const side of ['old', 'new']) {
      cpSync(join(samplesDir, 'hardened'), join(root, side, 'm1'), { recursive: true });
      cpSync(join(samplesDir, 'stock-posix'), join(root, side, 'm2'), { recursive: true });
    }
    edit(join(root, 'new/m1/inetd.conf'), (text) =>
      text.replace(/^#(tftp\tdgram\tudp\twait\troot\t\S+tftpd\.pm\ttftpd)$/m, '$1'),
    );
    renameSync(join(root, 'new/m2'), join(root, 'new/m3'));
    const { report } = await change(['diff', 'old', 'new'], root);
    expect(report.before).toEqual({ name: 'old' });
    expect(report.modules.map((m) => [m.name, m.kind])).toEqual([
      ['new/m1', 'changed'],
      ['new/m3', 'added'],
      ['old/m2', 'removed'],
    ]);
    expect(report.modules[0]!.rows.map(shape)).toEqual([
      { change: 'opened', at: 'udp/69', program: 'tftpd', states: ['off', 'live'] },
    ]);
    expect(report.summary.added + report.summary.removed).toBe(2);
  });

  it('text reads like a plan and markdown is a table a module', async () => {
    const root = temporaryDirectory(`vos-audit-baseline-diff-text-${process.pid}-`);
    cpSync(join(samplesDir, 'hardened'), join(root, 'old/m1'), { recursive: true });
    cpSync(join(samplesDir, 'hardened'), join(root, 'new/m1'), { recursive: true });
    edit(join(root, 'new/m1/inetd.conf'), uncommentEcho);
    const text = await runCli(['diff', '--wide', 'old', 'new'], root);
    expect(text.stdout.split('\n')).toContain('module new/m1');
    expect(text.stdout).toMatch(/^ {2}\+ +tcp\/7 +inetd \(echo\) +off → live +.*new\/m1\/inetd\.conf:7/m);
    const markdown = await runCli(['diff', '--format', 'markdown', 'old', 'new'], root);
    expect(markdown.stdout).toMatch(/^\| \+ \| tcp\/7 \| inetd \(echo\) \| off → live \| /m);
  });
});

describe('firewall --baseline', () => {
  it('a tiny service uncommented adds the rule that denies it; nftables still prints the whole new policy', async () => {
    const repo = twoModules('firewall');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    const result = await runCli(['firewall', '--baseline', 'HEAD', '--format', 'json', 'modules'], repo.dir);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as {
      modules: Array<{ name: string; added: Array<Record<string, unknown>>; removed: unknown[] }>;
    };
    const validate = validatorOf('firewall-change.schema.json');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    // The article: echo is a denial-of-service vector, to be blocked; the policy denies a risk it finds live.
    expect(report.modules.map((m) => m.name)).toEqual(['modules/m1']);
    expect(report.modules[0]!.removed).toEqual([]);
    expect(report.modules[0]!.added.map((r) => [r.direction, r.action, r.protocol, r.ports])).toEqual([
      ['in', 'deny', 'tcp', [7, 7]],
    ]);
    const args = ['--format', 'nftables', '--address', '192.0.2.10', 'modules/m1'];
    const withBaseline = await runCli(['firewall', '--baseline', 'HEAD', ...args], repo.dir);
    const without = await runCli(['firewall', ...args], repo.dir);
    expect(withBaseline.status).toBe(0);
    expect(withBaseline.stdout).toBe(without.stdout);
  });
});

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  partialFingerprints: Record<string, string>;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
}

async function sarifResults(args: string[], cwd: string): Promise<{ results: SarifResult[]; status: number | null }> {
  const result = await runCli([...args, '--format', 'sarif'], cwd);
  expect(result.stderr).toBe('');
  return { results: JSON.parse(result.stdout).runs[0].results as SarifResult[], status: result.status };
}

const place = (r: SarifResult) =>
  `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`;

describe('the audit with --baseline', () => {
  it('lines moved and a module renamed: no finding is new, and the errors there before do not fail the run', async () => {
    const repo = twoModules('audit-moved');
    const plain = await runCli(['modules'], repo.dir);
    expect(plain.status).toBe(1); // the stock module has errors
    edit(join(repo.dir, 'modules/m2/inetd.conf'), (text) => {
      const lines = text.split('\n');
      const entries = lines.filter((line) => /^[a-z]/.test(line)).reverse();
      return [...lines.filter((line) => !/^[a-z]/.test(line)), '', '', ...entries.map((e) => `  ${e}`)].join('\n');
    });
    repo.git('mv', 'modules/m2', 'modules/m2-moved');
    const { results, status } = await sarifResults(['--baseline', 'HEAD', 'modules'], repo.dir);
    expect(status).toBe(0);
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.baselineState))).toEqual(new Set(['unchanged']));
    const text = await runCli(['--wide', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(/ new$/m);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^0 new since HEAD, \d+ there before, 0 gone$/);
    // The stock module has warnings too; none is new, so --max-warnings 0 counts none of them.
    expect((await runCli(['--baseline', 'HEAD', '--max-warnings', '0', 'modules'], repo.dir)).status).toBe(0);
  });

  it('a tiny service uncommented is the one new finding; a module deleted leaves its findings absent', async () => {
    const repo = twoModules('audit-new');
    const before = await sarifResults(['modules'], repo.dir);
    const m2Findings = before.results.filter((r) => place(r).startsWith('modules/m2/'));
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    rmSync(join(repo.dir, 'modules/m2'), { recursive: true });
    const { results, status } = await sarifResults(['--baseline', 'HEAD', 'modules'], repo.dir);
    // echo/tcp active is an error of inetd-dos-tiny-service: new, so the run fails.
    expect(status).toBe(1);
    const fresh = results.filter((r) => r.baselineState === 'new');
    expect(fresh.map((r) => [r.ruleId, place(r)])).toEqual([['inetd-dos-tiny-service', 'modules/m1/inetd.conf:7']]);
    const absent = results.filter((r) => r.baselineState === 'absent');
    expect(absent.map((r) => r.partialFingerprints['vosAudit/v1']).sort()).toEqual(
      m2Findings.map((r) => r.partialFingerprints['vosAudit/v1']).sort(),
    );
    const text = await runCli(['--wide', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(text.stdout).toMatch(/^modules\/m1\/inetd\.conf:7:1 +error .* inetd-dos-tiny-service {2}new$/m);
    const warnings = await runCli(
      ['--baseline', 'HEAD', '--max-warnings', '0', 'modules/m2-none', 'modules'],
      repo.dir,
    );
    expect(warnings.status).toBe(2);
  });
});

describe('the audit with --baseline, in the formats other than SARIF', () => {
  it('json, gcc and github mark the one new finding; the findings there before stay, marked as such', async () => {
    const repo = twoModules('audit-formats');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    rmSync(join(repo.dir, 'modules/m2'), { recursive: true });
    const args = ['--baseline', 'HEAD', 'modules'];
    // The SARIF output, whose states the other tests prove, is what each format is read against.
    const sarif = (await sarifResults(args, repo.dir)).results;
    const shown = sarif.filter((r) => r.baselineState !== 'absent');
    const key = (ruleId: string, at: string) => `${ruleId} ${at}`;
    const stateAt = new Map(shown.map((r) => [key(r.ruleId, place(r)), r.baselineState]));
    const newOne = key('inetd-dos-tiny-service', 'modules/m1/inetd.conf:7');
    expect([...stateAt].filter(([, state]) => state === 'new').map(([at]) => at)).toEqual([newOne]);

    const json = await runCli([...args, '--format', 'json'], repo.dir);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(validatorOf('json-report.schema.json')(report)).toBe(true);
    const states = new Map<string, string>(
      report.files.flatMap(
        (file: {
          path: string;
          messages: Array<{ ruleId: string; baselineState: string; place: { start: { line: number } } }>;
        }) => file.messages.map((m) => [key(m.ruleId, `${file.path}:${m.place.start.line}`), m.baselineState]),
      ),
    );
    expect(states).toEqual(stateAt);
    const absent = sarif.filter((r) => r.baselineState === 'absent');
    expect(report.baseline).toMatchObject({ revision: 'HEAD', new: 1, unchanged: shown.length - 1, updated: 0 });
    expect(
      report.baseline.absent
        .map((a: { path: string; ruleId: string; place: { start: { line: number } } }) =>
          key(a.ruleId, `${a.path}:${a.place.start.line}`),
        )
        .sort(),
    ).toEqual(absent.map((r) => key(r.ruleId, place(r))).sort());

    // gcc: file:line:col: severity: reason [rule-id] or [rule-id, <severity> there before HEAD].
    const gcc = await runCli([...args, '--format', 'gcc'], repo.dir);
    expect(gcc.status).toBe(1);
    const gccRows = gcc.stdout
      .split('\n')
      .map((line) => /^(\S+?):(\d+):\d+: (\w+): .* \[([a-z0-9-]+)(, (\w+) there before HEAD)?\]$/.exec(line))
      .filter((match) => match !== null);
    expect(new Map(gccRows.map((m) => [key(m[4]!, `${m[1]}:${m[2]}`), m[5] ? 'unchanged' : 'new']))).toEqual(stateAt);
    for (const m of gccRows) expect(m[3], m[0]).toBe(m[5] ? 'note' : 'error');

    // github: only the new finding is an error annotation; the others are notices whose title says what they were.
    const github = await runCli([...args, '--format', 'github'], repo.dir);
    const commands = github.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(shown.length);
    const errors = commands.filter((line) => line.startsWith('::error '));
    expect(errors.map((line) => /file=([^,]+),line=(\d+)/.exec(line)!.slice(1).join(':'))).toEqual([
      'modules/m1/inetd.conf:7',
    ]);
    expect(
      commands.filter(
        (line) => line.startsWith('::notice ') && /title=[a-z0-9-]+%2C \w+ there before HEAD::/.test(line),
      ),
    ).toHaveLength(shown.length - 1);
  });
});

describe('a finding whose severity the change raised', () => {
  it('is updated, not new: gcc and github name the severity it had at the baseline', async () => {
    const repo = twoModules('audit-raised');
    writeFileSync(join(repo.dir, 'modules/m2/.vos-audit.json'), '{"rules": {"inetd-tiny-service": "error"}}\n');
    const args = ['--baseline', 'HEAD', 'modules/m2'];
    const report = JSON.parse((await runCli([...args, '--format', 'json'], repo.dir)).stdout);
    const raised = report.files.flatMap(
      (file: { messages: Array<{ ruleId: string; severity: string; baselineState: string }> }) =>
        file.messages.filter((m) => m.ruleId === 'inetd-tiny-service'),
    );
    expect(raised.length).toBeGreaterThan(0);
    expect(
      new Set(raised.map((m: { severity: string; baselineState: string }) => `${m.severity} ${m.baselineState}`)),
    ).toEqual(new Set(['error updated']));
    const gcc = (await runCli([...args, '--format', 'gcc'], repo.dir)).stdout.split('\n');
    const rows = gcc.filter((line) => line.includes('[inetd-tiny-service'));
    expect(rows).toHaveLength(raised.length);
    for (const row of rows) expect(row).toMatch(/: note: .*\[inetd-tiny-service, warning there before HEAD\]$/);
  });
});

describe("the README's section on reviewing a change", () => {
  it('its example is the output of the change it describes', async () => {
    const repo = twoModules('readme');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    edit(join(repo.dir, 'modules/m1/module_start_up.cm'), (text) =>
      text.replace("& start_process 'telnet_msd", "start_process 'telnet_msd"),
    );
    edit(join(repo.dir, 'modules/m2/inetd.conf'), (text) => text.replace(/^tftp\t/m, '#tftp\t'));
    const excerpt = exampleAfter('committed (`vos-audit ports --baseline HEAD modules`):');
    expect(excerpt.length).toBeGreaterThan(5);
    const { stdout, status } = await runCli(['ports', '--baseline', 'HEAD', 'modules'], repo.dir);
    expect(status).toBe(0);
    expectExcerptOf(excerpt, stdout);
  });

  it('its pre-commit hook, run by pre-commit on a staged change, prints what it opens and fails the commit', () => {
    const repo = twoModules('pre-commit');
    const hook = /```yaml\n(repos:\n {2}- repo: local\n[\s\S]*?)```/.exec(readme)![1]!;
    writeFileSync(join(repo.dir, '.pre-commit-config.yaml'), hook);
    const bin = temporaryDirectory(`vos-audit-baseline-pre-commit-bin-${process.pid}-`);
    const bundle = new URL('../../dist/vos-audit.js', import.meta.url).pathname;
    writeFileSync(join(bin, 'vos-audit'), `#!/bin/sh\nexec node ${bundle} "$@"\n`, { mode: 0o755 });
    repo.git('add', '.pre-commit-config.yaml');
    edit(join(repo.dir, 'modules/m1/inetd.conf'), uncommentEcho);
    repo.git('add', 'modules/m1/inetd.conf');
    const run = spawnSync('pre-commit', ['run'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PRE_COMMIT_HOME: join(bin, 'cache'), NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^ {2}\+ +tcp\/7 +inetd \(echo\) +off → live/m);
    expect(run.stdout).toContain('1 port opened, 0 closed, 0 changed');
  });
});
