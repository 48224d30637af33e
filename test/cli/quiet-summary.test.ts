import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/report/text.ts';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { validatorOf } from '../support/schemas.ts';

const validate = validatorOf('json-report.schema.json');

// echo is an error (inetd-dos-tiny-service); discard/tcp and discard/udp are warnings (inetd-tiny-service).
const echoAndDiscard =
  'echo stream tcp nowait root internal\ndiscard stream tcp nowait root internal\ndiscard dgram udp wait root internal\n';

function moduleWith(inetd: string): string {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'inetd.conf'), inetd);
  return dir;
}

describe('-q counts what it does not show', () => {
  it('says how many warnings it left out, rather than counting them as 0', async () => {
    const dir = moduleWith(echoAndDiscard);
    const all = await vosAudit(['inetd.conf'], { cwd: dir });
    expect(all.stdout.trimEnd().split('\n').at(-1)).toBe(
      '3 problems (1 error, 2 warnings, 0 infos) in 1 file; 3 fixable with --fix',
    );
    const quiet = await vosAudit(['-q', 'inetd.conf'], { cwd: dir });
    expect(quiet.stdout).not.toContain('warning ');
    expect(quiet.stdout.trimEnd().split('\n').at(-1)).toBe(
      '1 problem (1 error; 2 warnings not shown) in 1 file; 1 fixable with --fix',
    );
    expect(quiet.status).toBe(1);
  });

  it('with only warnings, says there are no errors and how many warnings there are', async () => {
    const dir = moduleWith('discard stream tcp nowait root internal\n');
    const quiet = await vosAudit(['--wide', '--quiet', 'inetd.conf'], { cwd: dir });
    expect(quiet.stdout).toMatch(/^assumed: [^\n]*\n\nno errors in 1 file; 1 warning not shown\n$/);
    expect(quiet.status).toBe(0);
  });

  it('keeps the plain summary when -q hid nothing', async () => {
    const dir = moduleWith('echo stream tcp nowait root internal\n');
    expect((await vosAudit(['-q', 'inetd.conf'], { cwd: dir })).stdout).toMatch(
      /\n1 problem \(1 error, 0 warnings, 0 infos\) in 1 file; 1 fixable with --fix\n$/,
    );
  });

  it('names warnings and infos both when both are hidden', () => {
    const summary = { files: 4, errors: 0, warnings: 0, infos: 0, fixable: 0, fixed: 0, suppressed: 0 };
    expect(summaryLine(summary, 'check', { warnings: 6, infos: 1 })).toBe(
      'no errors in 4 files; 6 warnings and 1 info not shown',
    );
    expect(summaryLine({ ...summary, errors: 2 }, 'check', { warnings: 0, infos: 3 })).toBe(
      '2 problems (2 errors; 3 infos not shown) in 4 files',
    );
  });

  it('JSON: the summary counts the messages listed, and notShown what -q left out; both valid against the schema', async () => {
    const dir = moduleWith(echoAndDiscard);
    const quiet = JSON.parse((await vosAudit(['-q', '--format', 'json', 'inetd.conf'], { cwd: dir })).stdout);
    expect(validate(quiet), JSON.stringify(validate.errors)).toBe(true);
    expect(quiet.files[0].messages.map((m: { severity: string }) => m.severity)).toEqual(['error']);
    expect(quiet.summary).toMatchObject({
      errors: 1,
      warnings: 0,
      infos: 0,
      fixable: 1,
      notShown: { warnings: 2, infos: 0 },
    });
    const all = JSON.parse((await vosAudit(['--format', 'json', 'inetd.conf'], { cwd: dir })).stdout);
    expect(validate(all), JSON.stringify(validate.errors)).toBe(true);
    expect(all.summary).toMatchObject({ errors: 1, warnings: 2, infos: 0, fixable: 3 });
    expect(all.summary).not.toHaveProperty('notShown');
  });

  it('SARIF: only the errors are results, and every rule is still described', async () => {
    const dir = moduleWith(echoAndDiscard);
    const [run] = JSON.parse((await vosAudit(['-q', '--format', 'sarif', 'inetd.conf'], { cwd: dir })).stdout).runs;
    expect(run.results.map((r: { level: string; ruleId: string }) => `${r.level} ${r.ruleId}`)).toEqual([
      'error inetd-dos-tiny-service',
    ]);
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain('inetd-tiny-service');
  });
});
