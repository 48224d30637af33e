import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/model/settings.ts';
import { buildModule } from '../../src/model/module.ts';
import { expectationAt, expectedPorts } from '../../src/scan/expected-ports.ts';

describe('what the scan comparison expects of the kernel ranges', () => {
  const kernel = (maxOpenServer?: number, backboneMaxOpenServer?: number) =>
    expectedPorts(
      buildModule('m', [], {
        ...defaultSettings,
        ...(maxOpenServer !== undefined && { maxOpenServer }),
        ...(backboneMaxOpenServer !== undefined && { backboneMaxOpenServer }),
      }),
    ).filter((row) => row.daemon.startsWith('kernel'));

  it('a stated max_open_server gives the model’s concrete ends, each from its own file', () => {
    expect(kernel(100, 40).map((row) => [row.from, row.to, row.range])).toEqual([
      [3000, 3200, true],
      [4000, 4040, true],
    ]);
    expect(expectationAt(kernel(100), 'tcp', 3150)?.daemon).toBe('kernel (OSL)');
    expect(expectationAt(kernel(100), 'tcp', 3201)).toBeUndefined();
  });

  it('without it, each range runs to the end of its thousand (the article’s "3XXX")', () => {
    expect(kernel().map((row) => [row.from, row.to, row.range])).toEqual([
      [3000, 3999, true],
      [4000, 4999, true],
    ]);
  });
});
