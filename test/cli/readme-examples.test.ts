import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { exampleAfter, expectExcerptOf } from '../support/readme.ts';
import { samplesDir } from '../support/sources.ts';

describe("the README's examples are the real output", () => {
  it('the quick start', async () => {
    const excerpt = exampleAfter('Its first line says what was assumed of the module:');
    expect(excerpt.length).toBeGreaterThan(3);
    const { stdout, status } = await vosAudit(['samples/stock-posix/inetd.conf'], { cwd: join(samplesDir, '..') });
    expect(status).toBe(1);
    expectExcerptOf(excerpt, stdout);
  });

  it('the ports table at 100 columns', async () => {
    const excerpt = exampleAfter('from `samples/`, at 100 columns (abridged):');
    expect(excerpt.length).toBeGreaterThan(10);
    const { stdout } = await vosAudit(['ports', '--state', 'live,conditional', 'stock-posix'], { cwd: samplesDir });
    expectExcerptOf(excerpt, stdout);
  });
});
