import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

// The SARIF Multitool validates every sample's SARIF in sarif.e2e.test.ts; this checks what GitHub reads of it.
describe('--format sarif', () => {
  it('has rules with help URIs, results with full regions, relative URIs, fingerprints and fixes as replacements', async () => {
    const log = JSON.parse((await runCli(['--format', 'sarif', 'stock-posix'], samplesDir)).stdout);
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(
      run.tool.driver.rules.every((r: { helpUri: string }) =>
        /^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/.test(r.helpUri),
      ),
    ).toBe(true);
    const echo = run.results.find((r: { ruleId: string }) => r.ruleId === 'inetd-dos-tiny-service');
    expect(echo.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'stock-posix/inetd.conf', uriBaseId: 'SRCROOT', index: 0 },
      region: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 37, charOffset: 281, charLength: 36 },
    });
    expect(echo.partialFingerprints['vosAudit/v1']).toMatch(/^[0-9a-f]{32}:1$/);
    expect(echo.fixes[0]).toEqual({
      description: { text: 'commented out line 7 (echo/tcp).' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'stock-posix/inetd.conf', uriBaseId: 'SRCROOT', index: 0 },
          replacements: [
            {
              deletedRegion: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 1, charOffset: 281, charLength: 0 },
              insertedContent: { text: '#' },
            },
          ],
        },
      ],
    });
    const fingerprints = run.results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['vosAudit/v1'],
    );
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});
