import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, processStreams } from '../../src/cli/program.ts';

describe('an internal error', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });
  const capture = () =>
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  const crash = () => {
    throw new TypeError('something nobody foresaw');
  };

  it('prints one line asking for a report, exit 2, no stack', async () => {
    capture();
    expect(await main(['node', 'vos-audit', 'm1'], processStreams, crash)).toBe(2);
    expect(written).toEqual([
      'vos-audit: internal error: TypeError: something nobody foresaw; please report it (run with --debug for details)\n',
    ]);
  });

  it('prints the stack under --debug', async () => {
    capture();
    expect(await main(['node', 'vos-audit', '--debug', 'm1'], processStreams, crash)).toBe(2);
    expect(written.join('')).toMatch(
      /^vos-audit: internal error: TypeError: something nobody foresaw; please report it\nTypeError: something nobody foresaw\n\s+at /,
    );
  });
});
