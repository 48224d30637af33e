import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/rules/registry.ts';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

/** A rule's page as committed in docs/rules/, without the line saying it is generated. */
const committedPage = (id: string) =>
  readFileSync(new URL(`../../docs/rules/${id}.md`, import.meta.url), 'utf8').replace(/^<!--.*-->\n\n/, '');

// The SARIF Multitool validates every sample's SARIF in sarif.e2e.test.ts; this checks what GitHub reads of it.
describe('--format sarif', () => {
  it('has rules with their help embedded, results with full regions, relative URIs, fingerprints and fixes as replacements', async () => {
    const log = JSON.parse((await runCli(['--format', 'sarif', 'stock-posix'], samplesDir)).stdout);
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ruleIds);
    for (const rule of run.tool.driver.rules) {
      expect(rule, rule.id).not.toHaveProperty('helpUri');
      expect(rule.help.markdown, rule.id).toBe(committedPage(rule.id));
      expect(rule.help.text, rule.id).toContain(`vos-audit explain ${rule.id}`);
      expect(rule.help.text, rule.id).not.toMatch(/`|https?:/);
    }
    expect(run.tool.driver).not.toHaveProperty('informationUri');
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

  it("links the docs and each rule's page only under VOS_AUDIT_DOCS_URL", async () => {
    const env = { VOS_AUDIT_DOCS_URL: 'https://example.com/vos-audit/docs/' };
    const log = JSON.parse((await runCli(['--format', 'sarif', 'stock-posix'], samplesDir, '', env)).stdout);
    expect(log.runs[0].tool.driver.informationUri).toBe('https://example.com/vos-audit/docs/');
    expect(log.runs[0].tool.driver.rules.map((r: { helpUri: string }) => r.helpUri)).toEqual(
      ruleIds.map((id) => `https://example.com/vos-audit/docs/rules/${id}.md`),
    );
  });
});
