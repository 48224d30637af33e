import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const samples = new URL('../../samples', import.meta.url).pathname;
const templates = ['stock-posix', 'stock-pre-14.5', 'hardened', 'tcpd-open'];
/** One screen of a terminal: what stderr may take by default, however many modules. */
const screen = 25;

interface PolicyJson {
  modules: Array<{ name: string }>;
  leftOut: Array<{ module: string; what: string }>;
  notes: string[];
}

let dir = '';
let policy: PolicyJson;

beforeAll(async () => {
  dir = temporaryDirectory('vos-audit-stderr-notes-');
  for (let i = 0; i < 40; i++)
    cpSync(join(samples, templates[i % templates.length]!), join(dir, `m${i}`), { recursive: true });
  const json = await vosAudit(['firewall', '--format', 'json', dir]);
  expect(json.status, json.stderr).toBe(0);
  policy = JSON.parse(json.stdout) as PolicyJson;
});

const lines = (stderr: string) => stderr.trimEnd().split('\n');

/** How many modules a line of stderr names at its start: `vos-audit: DIR/m1, DIR/m2: …` names two. */
function namedModules(line: string): number {
  let rest = line.replace(/^vos-audit: /, '');
  let named = 0;
  for (;;) {
    const name = policy.modules.map((m) => m.name).find((n) => rest.startsWith(`${n}, `) || rest.startsWith(`${n}: `));
    if (name === undefined) return named;
    named++;
    if (rest.startsWith(`${name}: `)) return named;
    rest = rest.slice(name.length + 2);
  }
}

describe('stderr of a firewall run over many modules, none with an address', () => {
  it('by default: the error first, notes that modules share on one line, one screen, every note counted', async () => {
    const result = await vosAudit(['firewall', '--format', 'nftables', dir]);
    expect(result.status).toBe(2);
    const printed = lines(result.stderr);
    const notes = policy.leftOut.length + policy.notes.length;
    expect(notes).toBeGreaterThan(3 * screen);
    expect(printed.length).toBeLessThanOrEqual(screen);
    // The one error: every module lacks an address, and the first line names each.
    for (const module of policy.modules) expect(printed[0]).toContain(module.name);
    const counts = printed.map((line) => Number(/^vos-audit: (\d+) modules: /.exec(line)?.[1] ?? namedModules(line)));
    expect(counts.some((n) => n > 1)).toBe(true);
    const hidden = Number(/(\d+) not shown/.exec(printed.at(-1)!)?.[1] ?? 0);
    const counted = counts.reduce((sum, n) => sum + n, 0) + hidden;
    expect(counted).toBe(notes);
    expect(printed.at(-1)).toContain(String(notes));
  });

  it('with --verbose: the error first, then every note on a line of its own', async () => {
    const result = await vosAudit(['firewall', '--format', 'nftables', '--verbose', dir]);
    expect(result.status).toBe(2);
    const printed = lines(result.stderr);
    expect(printed.length).toBe(1 + policy.leftOut.length + policy.notes.length);
    for (const module of policy.modules) expect(printed[0]).toContain(module.name);
    for (const item of policy.leftOut)
      expect(printed.some((line) => line.startsWith(`vos-audit: ${item.module}: `) && line.includes(item.what))).toBe(
        true,
      );
    for (const note of policy.notes) expect(printed).toContain(`vos-audit: ${note}`);
  });
});
