import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import { runCli } from '../support/cli.ts';
import { relexed } from '../support/languages.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('inputs at the limits', () => {
  it('calls nested 20,000 deep: one error at the limit, no stack overflow', async () => {
    const text = `display_line ${'('.repeat(20_000)}${')'.repeat(20_000)}\n`;
    const tree = parseMacro(text);
    expect(relexed(text, 'macro')).toBe(text);
    expect(tree.errors.map((e) => e.message)).toEqual([
      "Unexpected '(' nested more than 100 calls deep, expected fewer levels; what follows is read as plain text",
    ]);
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'deep.cm'), text);
    const result = await runCli(['deep.cm'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  it('10,000 nested &do blocks', () => {
    const tree = parseMacro(`${'&do\n'.repeat(10_000)}start_process 'portmap.pm'\n${'&end\n'.repeat(10_000)}`);
    expect(tree.errors).toEqual([]);
    const start = tree.flow.statements.findIndex((statement) => statement.words[0]?.text === 'start_process');
    expect(tree.flow.successors[start]).toEqual([{ to: 10_001 }]);
  });

  it('a 1 MB line in inetd.conf and in a macro', () => {
    const long = 'x'.repeat(1_000_000);
    const inetd = parseInetd(`echo stream tcp nowait root internal ${long}\n#${long}\n`);
    expect(inetd.children.map((node) => node.type)).toEqual(['entry', 'comment']);
    const macro = parseMacro(`& ${'&+ '.repeat(300_000)}\ndisplay_line '${long}'\n`);
    expect(macro.errors).toEqual([]);
  });
});
