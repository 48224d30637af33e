import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMacro } from '../../src/syntax/macro.ts';
import { runCli } from '../support/cli.ts';
import { startsOf } from '../support/macro-flow.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** Runs `vos-audit ports --format json` in-process on a module of these macros; the first is module_start_up.cm. */
async function portsOf(macros: Array<[string, string]>): Promise<{
  status: number;
  json: { modules: Array<{ listeners: unknown[]; unresolved: Array<{ reason: string }> }> };
}> {
  const dir = temporaryDirectory();
  mkdirSync(join(dir, 'm'));
  for (const [name, text] of macros) writeFileSync(join(dir, 'm', name), text);
  const result = await runCli(['ports', '--format', 'json', '--release', '19.3', 'm'], dir);
  return { status: result.status ?? 2, json: JSON.parse(result.stdout) };
}

describe('macro inputs that once overflowed the stack or blew up', () => {
  it('a 20 MB quoted string, and 5 MB of doubled quotes, lex as one string each', () => {
    for (const inside of ['x'.repeat(20_000_000), "''".repeat(2_500_000)]) {
      const tree = parseMacro(`display_line '${inside}'\n`);
      expect(tree.errors).toEqual([]);
      const statement = tree.children[0]!;
      expect(statement.type === 'statement' && statement.words[1]!.text.length).toBe(inside.length + 2);
    }
  });

  it('tells a closing quote from a doubled quote cut by the line end', () => {
    const unterminated = (text: string) => parseMacro(text).errors.length;
    expect([`x 'a'\n`, `x ''''\n`, `x ''\n`, `x 'a''b' c\n`].map(unterminated)).toEqual([0, 0, 0, 0]);
    expect([`x 'a''\n`, `x '''\n`, `x '\n`, `x 'a`].map(unterminated)).toEqual([1, 1, 1, 1]);
  });
});

// How long each takes is measured by `npm run robustness` (bench/robustness.ts), not asserted here.
describe('macros that once took minutes or overflowed the stack', () => {
  it('a variable whose value set doubles under a condition is capped and said undecided', () => {
    const doubling = `&set_string x ab\n${'&if (exists -file a) &then &set_string x &x&&x&\n'.repeat(8)}start_process &x&>sshd.pm\n`;
    const { starts, facts } = startsOf({ 'module_start_up.cm': doubling });
    expect(facts.unresolved.map((u) => u.reason)).toEqual([
      'the variable x may take more than 16 values, or one longer than 1024 characters: where it is used, its value is undecided',
    ]);
    expect(starts.get('&x&>sshd.pm')?.state).toBe('live');
  });

  it('16 macros that each run the next twice: each effect once, in well under a second', async () => {
    const macros: Array<[string, string]> = Array.from({ length: 16 }, (_, i) => [
      i === 0 ? 'module_start_up.cm' : `m${i}.cm`,
      `m${i + 1}\nm${i + 1}\n`,
    ]);
    macros.push(['m16.cm', "start_process 'sshd.pm'\n"]);
    const { status, json } = await portsOf(macros);
    expect(status).toBe(0);
    expect(json.modules[0]!.listeners).toContainEqual(expect.objectContaining({ daemon: 'sshd', state: 'live' }));
  });

  it('a chain of 2,000 macro calls: no stack overflow, every call in the evidence', async () => {
    const macros: Array<[string, string]> = Array.from({ length: 2000 }, (_, i) => [
      i === 0 ? 'module_start_up.cm' : `m${i}.cm`,
      `m${i + 1}\n`,
    ]);
    macros.push(['m2000.cm', "start_process 'sshd.pm'\n"]);
    const { status, json } = await portsOf(macros);
    expect(status).toBe(0);
    const sshd = json.modules[0]!.listeners.find((l) => (l as { daemon: string }).daemon === 'sshd') as {
      state: string;
      evidence: string[];
    };
    expect(sshd.state).toBe('live');
    expect(sshd.evidence).toHaveLength(2001);
  });

  it('10,000 nested &if … &then &do: no stack overflow, and not quadratic (that took minutes)', () => {
    const text = `${'&if (exists -file a) &then &do\n'.repeat(10_000)}start_process 'sshd.pm'\n${'&end\n'.repeat(10_000)}`;
    const { starts } = startsOf({ 'module_start_up.cm': text });
    expect(starts.get('sshd.pm')).toMatchObject({ state: 'conditional', condition: '(exists -file a)' });
  });
});
