import { describe, expect, it } from 'vitest';
import { ephemeralRange } from '../../src/catalog/client-ports.ts';
import { parseRelease, releaseMembership } from '../../src/catalog/releases.ts';
import { expectUserError, runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

const release = (text: string) => parseRelease(text)!;

describe('releases', () => {
  it('accepts the release lines the catalog knows, with a build suffix in any case, and nothing else', () => {
    expect(parseRelease('15.1.0AR')?.text).toBe('15.1.0ar');
    expect(parseRelease('13.0')?.precision).toBe('line');
    expect(parseRelease('19.3.1')?.precision).toBe('release');
    for (const bad of ['15.9', '12.0', '20.0', '15', 'fifteen', '15.1.0abc', '15.1.'])
      expect(parseRelease(bad), bad).toBeUndefined();
  });

  it('exits 2 on an unknown --release, naming the accepted forms', async () => {
    const result = await runCli(['ports', '--release', '15.9', 'hardened'], samplesDir);
    expectUserError(result, '15.9', '13.0', '15.0–15.2');
  });

  it('puts a release stated without its build on both sides of a boundary that falls on a build', () => {
    expect(releaseMembership(release('15.1'), [{ from: '15.1.1' }])).toBe('unknown');
    expect(releaseMembership(release('15.1.0'), [{ from: '15.1.1' }])).toBe('out');
    expect(releaseMembership(release('15.1.2'), [{ from: '15.1.1' }])).toBe('in');
    expect(releaseMembership(release('15.0'), [{ before: '15.0' }, { from: '15.1.1' }])).toBe('out');
    expect(releaseMembership(release('14.7.1b'), [{ from: '14.7', until: '14.7' }, { from: '15.1' }])).toBe('in');
  });

  it.each([
    ['14.4', 'tcp', 10000],
    ['14.5', 'tcp', undefined],
    ['14.5.0as', 'tcp', 10000],
    ['14.5.0at', 'tcp', 49152],
    ['14.5.1', 'tcp', 49152],
    ['14.6.0ai', 'tcp', 10000],
    ['14.6.0aj', 'tcp', 49152],
    ['14.7', 'tcp', 49152],
    ['15.1', 'udp', undefined],
    ['15.1.0aq', 'udp', 1024],
    ['15.1.0ar', 'udp', 49152],
    ['15.2', 'udp', 49152],
    ['16.0', 'udp', 49152],
  ] as const)('the ephemeral range of %s %s starts at %s (per release line)', (text, transport, first) => {
    expect(ephemeralRange(release(text), transport)?.first).toBe(first);
  });

  it('has no ephemeral range without a release', () => {
    expect(ephemeralRange(undefined, 'tcp')).toBeUndefined();
  });
});
