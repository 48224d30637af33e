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
    'gives the same verdicts on pattern files of hundreds of globs, the file naming itself among them (fixed seed)',
    { timeout: 120_000 },
    () => {
      const patternFile = join(dir, 'clients.list');
      // Globs made from the clients' addresses and from "unknown" (their name: tcpd finds none, and a glob is compared
      // with both): characters turned into `?`, runs into `*`, in either case, some spoilt by one more character. Many
      // share a prefix or a suffix, many have neither; some files match a client only by its name, some not at all.
      const targets = ['10.9.9.9', '10.9.9.8', '10.9.8.1', '198.51.100.7', '2001:db8::5', '203.0.113.9', 'unknown'];
      const glob = fc
        .tuple(
          fc.constantFrom(...targets),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          fc.constantFrom('', '', '', 'x', '1', '.'),
        )
        .map(([target, cuts, upper, spoilt]) => {
          let text = upper ? target.toUpperCase() : target;
          for (const cut of cuts) {
            const at = cut % text.length;
            text = `${text.slice(0, at)}${cut % 2 ? '?' : '*'}${text.slice(at + 1 + ((cut >> 1) % 3))}`;
          }
          return text + spoilt;
        })
        .filter((text) => /[^*?]/.test(text));
      const globs = fc.oneof(
        fc.array(glob, { minLength: 1, maxLength: 300, size: 'max' }),
        fc.array(
          glob.filter((text) => !/\d/.test(text)),
          { minLength: 1, maxLength: 30 },
        ),
      );
      const files = fc.tuple(globs, fc.nat(), fc.boolean()).map(([list, at, loops]): PolicyFiles => {
        const words = loops
          ? [...list.slice(0, at % (list.length + 1)), patternFile, ...list.slice(at % (list.length + 1))]
          : list;
        return {
          allow: `tftpd: ${patternFile}\n`,
          deny: 'ALL: ALL\n',
          patternFiles: { [patternFile]: words.join(' ') },
        };
      });
      fc.assert(
        fc.property(files, (policy) => {
          comparisons += compare(policy, requestPairs);
        }),
        { seed: 20261208, numRuns: 30 },
      );
    },
  );

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
