import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/model/settings.ts';
import { auditModule } from '../../src/engine/audit.ts';
import { applyFixes, type Fix } from '../../src/fix/edit.ts';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { decodeSource } from '../../src/syntax/source.ts';
import { cli, temporaryDirectory } from '../support/processes.ts';
import { auditSource } from '../support/audit.ts';
import { relexed } from '../support/languages.ts';
import { treeOf } from '../support/trees.ts';

/** A fixed seed keeps CI repeatable; bench/fuzz.ts runs the long campaign with fresh seeds. */
const settings = { seed: 20261124, numRuns: 300 };

const pieces = [
  'echo', 'discard', 'chargen', 'daytime', 'time', 'tftp', 'bootps', 'swat', 'ftp', '7', 'stream', 'dgram', 'tcp',
  'udp', 'tcp6', 'rpc/udp', 'tcp,rcvbuf=1k', 'nowait', 'wait', 'nowait.400', 'wait:10', 'root', 'root:sys', 'internal',
  '>system>stcp>command_library>tftpd.pm', '>system>stcp>command_library>tcpd.pm', 'echo_stream.pm', 'tftpd', '127.0.0.1:',
  '[::1]:echo', '#', '# ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\f', '\u0000', 'é', '𝄞', '\u00a0',
];
/** Lines made of the language's own pieces: mostly near-entries, which is where parsers and fixes go wrong. */
const inetdText = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((parts) => parts.join(''));
const entryLine = fc
  .tuple(
    fc.constantFrom('', '#', '# ', '  '),
    fc.constantFrom('echo', 'chargen', 'time', 'tftp', 'bootps', 'swat', 'discard', 'daytime', 'tfpt', '*:echo'),
    fc.constantFrom('stream', 'dgram'),
    fc.constantFrom('tcp', 'udp', 'tcp6'),
    fc.constantFrom('wait', 'nowait'),
    fc.constantFrom('internal', '>system>stcp>command_library>tftpd.pm tftpd', '>system>stcp>command_library>tcpd.pm tftpd', '>system>stcp>command_library>bootpd.pm'),
    fc.constantFrom('\n', '\r\n', ''),
  )
  .map(([mark, service, socket, protocol, wait, server, eol]) => `${mark}${service} ${socket} ${protocol} ${wait} root ${server}${eol || '\n'}`);
const inetdFile = fc.array(fc.oneof(entryLine, inetdText), { maxLength: 30 }).map((lines) => lines.join(''));

describe('the parser, on any input', () => {
  it('never throws, is lossless, and keeps positions inside the text and in order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), inetdText), (text) => {
        expect(relexed(text)).toBe(text);
        const tree = parseInetd(text);
        let previous = 0;
        for (const node of tree.children) {
          expect(node.position.start.offset).toBeGreaterThanOrEqual(previous);
          expect(node.position.end.offset).toBeLessThanOrEqual(text.length);
          previous = node.position.end.offset;
        }
        for (const error of tree.errors) expect(error.position.end.offset).toBeLessThanOrEqual(text.length);
      }),
      settings,
    );
  });

  it('decodes and audits random bytes without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const source = decodeSource('inetd.conf', bytes);
        auditSource(source, { fix: true });
      }),
      settings,
    );
  });
});

const macroPieces = [
  '&if', '&then', '&else', '&do', '&end', '&return', '&goto x', '&label x', '&set_string v ', '&begin_parameters', '&end_parameters',
  'start_process', "'sshd.pm -x'", '&v&', '&$v&', '(master_disk)', '>system>stcp>start_stcp.cm', '!', '(', ')', "'", "''", ';', '&+',
  '& ', '&', ' ', '\t', '\n', '\r\n', '\r', 'telnet_msd', '-network_port 24', 'x', '^=', '|', 'é', '\u0000',
];
const macroText = fc.array(fc.constantFrom(...macroPieces), { maxLength: 120 }).map((parts) => parts.join(''));
const tablePieces = ['Service', 'Port', 'Device', 'telnet', '23', '85', 'rsn', '--', '==', '#', '&', ' ', '\t', '\n', '\r\n', '7/tcp', 'x/udp', 'é'];
const tableText = fc.array(fc.constantFrom(...tablePieces), { maxLength: 80 }).map((parts) => parts.join(''));

describe('the other grammars, on any input', () => {
  it.each([
    ['macro', macroText],
    ['telnet-admin', tableText],
    ['services', tableText],
  ] as const)('%s: never throws, is lossless, keeps positions inside the text', (kind, pieces) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), pieces), (text) => {
        expect(relexed(text, kind)).toBe(text);
        const tree = treeOf(kind, text);
        for (const node of tree.children) expect(node.position.end.offset).toBeLessThanOrEqual(text.length);
        for (const error of tree.errors) expect(error.position.end.offset).toBeLessThanOrEqual(text.length);
      }),
      settings,
    );
  });

  it('a module of random macro, listing and inetd text audits, fixes and suggests without throwing, to a fixed point', () => {
    fc.assert(
      fc.property(macroText, tableText, inetdFile, (macro, listing, inetd) => {
        const files = [
          { source: decodeSource('module_start_up.cm', Buffer.from(macro)), kind: 'macro' as const },
          { source: decodeSource('telnet_admin.txt', Buffer.from(listing)), kind: 'telnet-admin' as const },
          { source: decodeSource('inetd.conf', Buffer.from(inetd)), kind: 'inetd' as const },
        ];
        const request = { fix: true, suggestions: true };
        const fixed = auditModule({ name: 'm', files, settings: defaultSettings }, request);
        const again = auditModule({ name: 'm', files: files.map((f, i) => ({ ...f, source: { ...f.source, text: fixed.files[i]!.output } })), settings: defaultSettings }, request);
        expect(again.files.map((f) => f.output)).toEqual(fixed.files.map((f) => f.output));
      }),
      { ...settings, numRuns: 150 },
    );
  });
});

describe('fixes, on files built from the grammar pieces', () => {
  it('are idempotent, add no syntax error and leave no fixable finding', () => {
    fc.assert(
      fc.property(inetdFile, fc.boolean(), (text, nio) => {
        const moduleSettings = { ...defaultSettings, nio };
        const source = decodeSource('inetd.conf', Buffer.from(text));
        const fixed = auditSource(source, { fix: true }, 'inetd', moduleSettings);
        expect(parseInetd(fixed.output).errors.length).toBe(parseInetd(source.text).errors.length);
        expect(fixed.messages.filter((m) => m.fix)).toEqual([]);
        expect(auditSource({ ...source, text: fixed.output }, { fix: true }, 'inetd', moduleSettings).output).toBe(fixed.output);
      }),
      settings,
    );
  });

  it('applyFixes changes no byte outside the edits it applied', () => {
    const textAndFixes = fc.string({ maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc.tuple(fc.nat(text.length), fc.nat(text.length), fc.string({ maxLength: 3 })).map(
            ([a, b, insert]): Fix => ({ description: 'x', edits: [{ start: Math.min(a, b), end: Math.max(a, b), text: insert }] }),
          ),
          { maxLength: 6 },
        ),
      ),
    );
    fc.assert(
      fc.property(textAndFixes, ([text, fixes]) => {
        const { text: output, applied } = applyFixes(text, fixes);
        const edits = applied.flatMap((fix) => fix.edits).sort((a, b) => a.start - b.start);
        let cursor = 0;
        let rebuilt = '';
        for (const edit of edits) {
          expect(edit.start).toBeGreaterThanOrEqual(cursor);
          rebuilt += text.slice(cursor, edit.start) + edit.text;
          cursor = edit.end;
        }
        expect(output).toBe(rebuilt + text.slice(cursor));
      }),
      settings,
    );
  });
});

describe('the CLI, on random files', () => {
  it('exits 0, 1 or 2 without a stack trace', () => {
    const dir = temporaryDirectory();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), inetdFile.map((text) => Buffer.from(text))), (bytes) => {
        writeFileSync(join(dir, 'inetd.conf'), bytes);
        const result = cli(['--fix', 'inetd.conf'], dir);
        expect([0, 1, 2]).toContain(result.status);
        expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      }),
      { seed: settings.seed, numRuns: 25 },
    );
  });
});
