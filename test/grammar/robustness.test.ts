import fc from 'fast-check';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKinds, type FileKind } from '../../src/languages/registry.ts';
import { cli, run, temporaryDirectory } from '../support/processes.ts';
import { sourcesOfKind } from '../support/sources.ts';
import { relexed } from '../support/languages.ts';
import { treeOf } from '../support/trees.ts';

/** The invariants every grammar keeps on any text: no throw, lossless tokens, positions inside and in order. */
function holds(kind: FileKind, text: string): void {
  expect(relexed(text, kind)).toBe(text);
  const tree = treeOf(kind, text);
  let previous = 0;
  for (const node of tree.children) {
    expect(node.position.start.offset).toBeGreaterThanOrEqual(previous);
    expect(node.position.end.offset).toBeLessThanOrEqual(text.length);
    previous = node.position.start.offset;
  }
  for (const error of tree.errors) {
    expect(error.position.start.offset).toBeLessThanOrEqual(error.position.end.offset);
    expect(error.position.end.offset).toBeLessThanOrEqual(text.length);
  }
}

const seed = 20261124;

describe.each(fileKinds.map((kind) => [kind] as const))('%s: every fixture and sample, mangled', (kind) => {
  const texts = sourcesOfKind(kind).map(([, source]) => source.text);

  it('truncated at every offset', () => {
    for (const text of texts) for (let end = 0; end <= text.length; end++) holds(kind, text.slice(0, end));
  });

  it('with its lines shuffled, and with NUL, CR, form feeds and astral characters inserted', () => {
    const text = fc.constantFrom(...texts);
    const mangled = fc.oneof(
      fc.tuple(text, fc.integer()).map(([t, n]) => {
        const lines = t.split('\n');
        return fc.sample(fc.shuffledSubarray(lines, { minLength: lines.length }), { seed: n, numRuns: 1 })[0]!.join('\n');
      }),
      fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u0000', '\r', '\f', '\u{1d11e}', '\v', '\u2028')), { maxLength: 8 })).map(([t, inserts]) =>
        inserts.reduce((acc, [at, c]) => acc.slice(0, at % (acc.length + 1)) + c + acc.slice(at % (acc.length + 1)), t),
      ),
    );
    fc.assert(fc.property(mangled, (t) => holds(kind, t)), { seed, numRuns: 200 });
  });
});

describe('fixes of random inetd files, through the CLI', () => {
  const pieces = ['echo', 'chargen', 'time', 'tftp', 'bootps', 'discard', 'swat'];
  const line = fc
    .tuple(fc.constantFrom('', '#', '  '), fc.constantFrom(...pieces), fc.constantFrom('stream tcp nowait', 'dgram udp wait'), fc.constantFrom('internal', '>system>stcp>command_library>tftpd.pm tftpd', '>system>stcp>command_library>tcpd.pm >system>stcp>command_library>bootpd.pm'), fc.constantFrom('\n', '\r\n'))
    .map(([mark, service, socket, server, eol]) => `${mark}${service} ${socket} root ${server}${eol}`);
  const file = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([lines, final]) => {
    const text = lines.join('');
    return final ? text : text.replace(/\r?\n$/, '');
  });

  it('git apply of --diff gives what --fix writes, bytes outside the edits are kept, and a second --fix does nothing', () => {
    fc.assert(
      fc.property(file, (text) => {
        const dir = temporaryDirectory();
        writeFileSync(join(dir, 'inetd.conf'), text);
        const copy = temporaryDirectory();
        cpSync(dir, copy, { recursive: true });
        const diff = cli(['--diff', 'inetd.conf'], dir).stdoutBytes;
        cli(['--fix', 'inetd.conf'], dir);
        const fixed = readFileSync(join(dir, 'inetd.conf'));
        if (diff.length > 0) expect(run('git', ['apply', '--unsafe-paths', '-'], copy, diff).status).toBe(0);
        expect(readFileSync(join(copy, 'inetd.conf'))).toEqual(fixed);
        const before = text.split('\n');
        const after = fixed.toString('utf8').split('\n');
        expect(after.length).toBe(before.length);
        // A fix stays on its own line: a changed line is still the same entry, commented, uncommented or rewritten.
        const service = (l: string) => l.replace(/^[#\s]+/, '').split(/\s+/)[0];
        after.forEach((l, i) => {
          if (l !== before[i]) expect(service(l)).toBe(service(before[i]!));
        });
        cli(['--fix', 'inetd.conf'], dir);
        expect(readFileSync(join(dir, 'inetd.conf'))).toEqual(fixed);
      }),
      { seed, numRuns: 15 },
    );
  });
});
