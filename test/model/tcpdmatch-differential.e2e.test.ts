import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../support/sources.ts';
import {
  hasTcpdmatch,
  policyArbitrary,
  requestPairs,
  tcpdmatchVerdicts,
  vosAuditVerdicts,
  writePolicy,
  type PolicyFiles,
} from '../support/tcpd.ts';

const dir = mkdtempSync(join(tmpdir(), 'vos-audit-tcpdmatch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function compare(files: PolicyFiles, pairs: ReadonlyArray<readonly [string, string]>): number {
  for (const name of readdirSync(dir)) rmSync(join(dir, name));
  writePolicy(dir, files);
  const expected = tcpdmatchVerdicts(dir, pairs);
  expect(
    expected.every((verdict) => ['granted', 'denied', 'delegated', 'crashed'].includes(verdict)),
    `tcpdmatch answered ${expected.join(', ')}`,
  ).toBe(true);
  expect(vosAuditVerdicts(files, pairs).map((verdict, i) => `${pairs[i]!.join(' ')}: ${verdict}`)).toEqual(
    expected.map((verdict, i) => `${pairs[i]!.join(' ')}: ${verdict}`),
  );
  return pairs.length;
}

/** Every sample module's policy, for the daemons its wrapped inetd entries run and a few more. */
function samplePolicies(): Array<[string, PolicyFiles]> {
  return readdirSync(samplesDir).flatMap((name) => {
    const read = (file: string) => {
      try {
        return readFileSync(join(samplesDir, name, file), 'latin1');
      } catch {
        return undefined;
      }
    };
    const files = { allow: read('hosts.allow'), deny: read('hosts.deny') };
    return files.allow === undefined && files.deny === undefined ? [] : [[name, files] as [string, PolicyFiles]];
  });
}

describe.skipIf(!hasTcpdmatch && !process.env.CI)("vos-audit's tcpd against Debian's tcpdmatch", () => {
  let comparisons = 0;
  afterAll(() => console.log(`tcpdmatch differential: ${comparisons} comparisons, all equal`));

  it('is installed in CI (.ci/run)', () => {
    expect(hasTcpdmatch).toBe(true);
  });

  it.each(samplePolicies())('gives the same verdicts on samples/%s', (_name, files) => {
    comparisons += compare(files, requestPairs);
  });

  it('gives the same verdicts where a pattern file names itself, before and after a pattern that matches', () => {
    const patternFile = join(dir, 'clients.list');
    comparisons += compare(
      {
        allow: `tftpd: ${patternFile}\nbootpd: 10.9.8.1\n`,
        patternFiles: { [patternFile]: `10.9.9.9 .example ${patternFile} 10.9.9.8\n` },
      },
      requestPairs,
    );
  });

  it(
    'gives the same verdicts on random policies made of the grammar’s pieces (fixed seed)',
    { timeout: 120_000 },
    () => {
      const patternFile = join(dir, 'clients.list');
      fc.assert(
        fc.property(policyArbitrary(patternFile), (files) => {
          comparisons += compare(files, requestPairs);
        }),
        { seed: 20261124, numRuns: 40 },
      );
    },
  );
});
