import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditModule } from '../../src/engine/audit.ts';
import { applyFixes, type Fix } from '../../src/fix/edit.ts';
import { defaultSettings } from '../../src/model/settings.ts';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { decodeSource } from '../../src/syntax/source.ts';
import { inetdFile, seed, textOf } from '../support/arbitraries.ts';
import { auditSource } from '../support/audit.ts';

const settings = { seed, numRuns: 300 };

describe('the audit, on any input', () => {
  it('decodes and audits random bytes without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const source = decodeSource('inetd.conf', bytes);
        auditSource(source, { fix: true });
      }),
      settings,
    );
  });

  it('a module of random macro, listing and inetd text audits, fixes and suggests without throwing, to a fixed point', () => {
    fc.assert(
      fc.property(textOf('macro', 120), textOf('telnet-admin', 80), inetdFile, (macro, listing, inetd) => {
        const files = [
          { source: decodeSource('module_start_up.cm', Buffer.from(macro)), kind: 'macro' as const },
          { source: decodeSource('telnet_admin.txt', Buffer.from(listing)), kind: 'telnet-admin' as const },
          { source: decodeSource('inetd.conf', Buffer.from(inetd)), kind: 'inetd' as const },
        ];
        const request = { fix: true, suggestions: true };
        const fixed = auditModule({ name: 'm', files, settings: defaultSettings }, request);
        const again = auditModule(
          {
            name: 'm',
            files: files.map((f, i) => ({ ...f, source: { ...f.source, text: fixed.files[i]!.output } })),
            settings: defaultSettings,
          },
          request,
        );
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
        expect(auditSource({ ...source, text: fixed.output }, { fix: true }, 'inetd', moduleSettings).output).toBe(
          fixed.output,
        );
      }),
      settings,
    );
  });

  it('applyFixes changes no byte outside the edits it applied', () => {
    const textAndFixes = fc.string({ maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc
            .tuple(fc.nat(text.length), fc.nat(text.length), fc.string({ maxLength: 3 }))
            .map(([a, b, insert]): Fix => ({
              description: 'x',
              edits: [{ start: Math.min(a, b), end: Math.max(a, b), text: insert }],
            })),
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
