import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inetdFile, seed } from '../support/arbitraries.ts';
import { runCli } from '../support/cli.ts';
import { runCommand } from '../support/processes.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('the CLI, on random files', () => {
  it('exits 0, 1 or 2 without a stack trace', async () => {
    const dir = temporaryDirectory();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          inetdFile.map((text) => Buffer.from(text)),
        ),
        async (bytes) => {
          writeFileSync(join(dir, 'inetd.conf'), bytes);
          const result = await runCli(['--fix', 'inetd.conf'], dir);
          expect([0, 1, 2]).toContain(result.status);
          expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
        },
      ),
      { seed, numRuns: 25 },
    );
  });
});

describe('fixes of random inetd files, through the CLI', () => {
  const pieces = ['echo', 'chargen', 'time', 'tftp', 'bootps', 'discard', 'swat'];
  const line = fc
    .tuple(
      fc.constantFrom('', '#', '  '),
      fc.constantFrom(...pieces),
      fc.constantFrom('stream tcp nowait', 'dgram udp wait'),
      fc.constantFrom(
        'internal',
        '>system>stcp>command_library>tftpd.pm tftpd',
        '>system>stcp>command_library>tcpd.pm >system>stcp>command_library>bootpd.pm',
      ),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([mark, service, socket, server, eol]) => `${mark}${service} ${socket} root ${server}${eol}`);
  const file = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([lines, final]) => {
    const text = lines.join('');
    return final ? text : text.replace(/\r?\n$/, '');
  });

  it('git apply of --diff gives what --fix writes, bytes outside the edits are kept, and a second --fix does nothing', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const dir = temporaryDirectory();
        writeFileSync(join(dir, 'inetd.conf'), text);
        const copy = temporaryDirectory();
        cpSync(dir, copy, { recursive: true });
        const diff = (await runCli(['--diff', 'inetd.conf'], dir)).stdoutBytes;
        await runCli(['--fix', 'inetd.conf'], dir);
        const fixed = readFileSync(join(dir, 'inetd.conf'));
        if (diff.length > 0) expect(runCommand('git', ['apply', '--unsafe-paths', '-'], copy, diff).status).toBe(0);
        expect(readFileSync(join(copy, 'inetd.conf'))).toEqual(fixed);
        const before = text.split('\n');
        const after = fixed.toString('utf8').split('\n');
        expect(after.length).toBe(before.length);
        // A fix stays on its own line: a changed line is still the same entry, commented, uncommented or rewritten.
        const service = (l: string) => l.replace(/^[#\s]+/, '').split(/\s+/)[0];
        after.forEach((l, i) => {
          if (l !== before[i]) expect(service(l)).toBe(service(before[i]!));
        });
        await runCli(['--fix', 'inetd.conf'], dir);
        expect(readFileSync(join(dir, 'inetd.conf'))).toEqual(fixed);
      }),
      { seed, numRuns: 15 },
    );
  });
});
