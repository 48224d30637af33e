import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';

/**
 * The samples of the model's start arguments, releases, evidence and verdicts, each saying at its top what it
 * shows: the ports JSON (or, for the verdicts, the audit's text) is the golden, reviewed by reading.
 */
const goldens: Array<[string, string[], string]> = [
  ['start-arguments', ['ports', '--format', 'json'], 'start-arguments.ports.json'],
  ['releases', ['ports', '--format', 'json'], 'releases.ports.json'],
  ['releases', ['ports', '--format', 'json', '--release', '15.0'], 'releases-15.0.ports.json'],
  ['evidence', ['ports', '--format', 'json', '--release', '14.0'], 'evidence.ports.json'],
  ['bsd-verdicts', ['--wide', '--nio', '--release', '15.2'], 'bsd-verdicts.audit.txt'],
];

describe('the model samples: start arguments, releases, evidence, BSD verdicts', () => {
  it.each(goldens)('%s %j', async (name, args, golden) => {
    const result = await runCli([...args, name], samplesDir);
    expect(result.stderr).toBe('');
    await expect(result.stdout).toMatchFileSnapshot(`../fixtures/model/${golden}`);
  });
});
