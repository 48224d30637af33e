import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliStreams } from '../../src/cli/program.ts';
import type { RunOutcome, RunRequest } from '../../src/cli/run.ts';

const written: string[] = [];
afterEach(() => {
  written.length = 0;
});

/** Parses a command line in process: the exit code, stderr, and the request the run would have got. */
async function parse(args: string[]): Promise<{ status: number; stderr: string; request?: RunRequest }> {
  const streams: CliStreams = {
    stdout: { write: () => true },
    stderr: { write: (chunk) => written.push(chunk) > 0 },
    env: {},
    readStandardInput: () => Buffer.alloc(0),
  };
  let request: RunRequest | undefined;
  const status = await main(['node', 'vos-audit', ...args], streams, (given): RunOutcome => {
    request = given;
    return { stdout: '', stderr: [], exitCode: 0 };
  });
  return { status, stderr: written.join(''), ...(request && { request }) };
}

describe('--max-warnings', () => {
  it.each(['', ' ', ' 3', '1e3', '0x10', '-1', '2.5', '99999999999999999999'])(
    'refuses %j rather than reading it as a number',
    async (value) => {
      const result = await parse(['--max-warnings', value, 'm1']);
      expect(result.status).toBe(2);
      expect(result.request).toBeUndefined();
      expect(result.stderr).toMatch(
        /^vos-audit: option '--max-warnings <n>' argument '.*' is invalid\. expected a whole number of warnings, 0 or more\n$/,
      );
    },
  );

  it.each([
    ['0', 0],
    ['12', 12],
  ])('takes %j as %d', async (value, count) => {
    const { request } = await parse(['--max-warnings', value, 'm1']);
    expect(request?.command === 'audit' && request.maxWarnings).toBe(count);
  });
});

describe('usage errors echo option values escaped', () => {
  const hostile = '\u001b]0;pwned\u0007\u001b[2J\u202e\u2066\u200b\nx';
  it.each([
    [['--release', hostile, 'm1']],
    [['--format', hostile, 'm1']],
    [['--products', hostile, 'm1']],
    [['--kind', hostile, 'm1']],
    [[`--fix${hostile}`, 'm1']],
    [['ports', '--format', hostile, 'm1']],
    [['explain', hostile]],
  ])('%j', async (args) => {
    const result = await parse(args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u202e\u2066]/);
    expect(result.stderr).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\u2066\\u200b\\x0ax');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it("keeps commander's own line break before a suggestion", async () => {
    const lines = (await parse(['--fixx', 'm1'])).stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^vos-audit: .*'--fixx'/);
    expect(lines[1]).toMatch(/--fix\b(?!x)/);
    expect(lines[2]).toBe('');
  });
});

describe('-- ends the options', () => {
  it('reads file names that look like options as paths (staged files in a pre-commit hook)', async () => {
    const { request } = await parse(['--expand-modules', '--', '--config=c.cm', 'c.cm', '--fix']);
    expect(request?.paths).toEqual(['--config=c.cm', 'c.cm', '--fix']);
    expect(request?.config).toBeUndefined();
    expect(request?.command).toBe('audit');
    expect(request?.command === 'audit' && request.mode).toBe('check');
  });

  it.each(['ports', 'rules', 'explain'])('reads a file named %s as a path, not as the command', async (name) => {
    const { request } = await parse(['--', name, 'inetd.conf']);
    expect(request?.command === 'audit' && request.mode).toBe('check');
    expect(request?.paths).toEqual([`./${name}`, 'inetd.conf']);
  });

  it('leaves a command before -- alone', async () => {
    const { request } = await parse(['ports', '--', 'rules']);
    expect(request?.command).toBe('ports');
    expect(request?.paths).toEqual(['./rules']);
  });
});
