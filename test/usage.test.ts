import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.ts';
import type { RunOutcome, RunRequest } from '../src/run.ts';

const written: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  written.length = 0;
});

/** Parses a command line in process: the exit code, stderr, and the request the run would have got. */
function parse(args: string[]): { status: number; stderr: string; request?: RunRequest } {
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let request: RunRequest | undefined;
  const status = main(['node', 'vos-audit', ...args], (given): RunOutcome => {
    request = given;
    return { stdout: '', stderr: [], exitCode: 0 };
  });
  return { status, stderr: written.join(''), ...(request && { request }) };
}

describe('--max-warnings', () => {
  it.each(['', ' ', ' 3', '1e3', '0x10', '-1', '2.5', '99999999999999999999'])('refuses %j rather than reading it as a number', (value) => {
    const result = parse(['--max-warnings', value, 'm1']);
    expect(result.status).toBe(2);
    expect(result.request).toBeUndefined();
    expect(result.stderr).toMatch(/^vos-audit: option '--max-warnings <n>' argument '.*' is invalid\. expected a whole number of warnings, 0 or more\n$/);
  });

  it.each([
    ['0', 0],
    ['12', 12],
  ])('takes %j as %d', (value, count) => {
    expect(parse(['--max-warnings', value, 'm1']).request?.maxWarnings).toBe(count);
  });
});
