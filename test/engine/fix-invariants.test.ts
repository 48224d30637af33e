import { describe, expect, it } from 'vitest';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import { LineIndex } from '../../src/syntax/position.ts';
import { decodeSource } from '../../src/syntax/source.ts';
import { allInetdSources, sourcesOfKind } from '../support/sources.ts';
import { auditSource } from '../support/audit.ts';

const request = (fix: boolean) => ({ fix });

describe.each(allInetdSources())('%s', (_name, source) => {
  const checked = auditSource(source, request(false));
  const fixed = auditSource(source, request(true));

  it('changes only lines that a reported fix edits', () => {
    const index = new LineIndex(source.text);
    const editedLines = new Set(
      checked.messages
        .flatMap((m) => m.fix?.edits ?? [])
        .flatMap((edit) => {
          const first = index.point(edit.start).line;
          const last = index.point(edit.end).line;
          return Array.from({ length: last - first + 1 }, (_, i) => first + i);
        }),
    );
    const before = source.text.split(/\r\n|\r|\n/);
    const after = fixed.output.split(/\r\n|\r|\n/);
    expect(after.length).toBe(before.length);
    before.forEach((line, i) => {
      if (!editedLines.has(i + 1)) expect(after[i]).toBe(line);
    });
  });

  it('reaches a fixed point: fixing the fixed text changes nothing', () => {
    const again = auditSource({ ...source, text: fixed.output }, request(true));
    expect(again.applied).toEqual([]);
    expect(again.output).toBe(fixed.output);
  });

  it('leaves no fixable finding behind, and adds no syntax error', () => {
    expect(fixed.messages.filter((m) => m.fix !== undefined)).toEqual([]);
    expect(parseInetd(fixed.output).errors.length).toBe(parseInetd(source.text).errors.length);
  });

  it('applies a fix for every fixable finding', () => {
    const fixable = checked.messages.filter((m) => m.fix !== undefined).length;
    expect(fixed.applied.length).toBe(fixable);
  });
});

/** The same file written another way: the findings must not change. */
describe.each(allInetdSources())('%s written differently', (_name, source) => {
  const findings = (bytes: Buffer) =>
    auditSource(decodeSource(source.path, bytes), request(false)).messages.map(
      (m) => `${m.place.start.line}:${m.place.start.column} ${m.ruleId} ${m.reason}`,
    );
  const lf = source.text.replace(/\r\n?/g, '\n');
  const expected = findings(Buffer.from(lf));

  it('with CRLF line ends', () => {
    expect(findings(Buffer.from(lf.replace(/\n/g, '\r\n')))).toEqual(expected);
  });

  it('without a final newline', () => {
    expect(findings(Buffer.from(lf.replace(/\n+$/, '')))).toEqual(expected);
  });

  it('encoded in latin1 rather than UTF-8', () => {
    const accented = lf.replace(/^#/m, '#\u00e9t\u00e9 ');
    const latin1 = Buffer.from(accented, 'latin1');
    expect(decodeSource(source.path, latin1).encoding).toBe(/[^\x00-\x7f]/.test(accented) ? 'latin1' : 'utf8');
    expect(findings(latin1)).toEqual(findings(Buffer.from(accented)));
  });
});

/** Suggestions on a macro file: comment out start lines, keep the macro parseable, reach a fixed point. */
describe.each(sourcesOfKind('macro'))('%s with --fix --suggestions', (_name, source) => {
  const request = { fix: true, suggestions: true };
  const fixed = auditSource(source, request, 'macro');

  it('adds no syntax error and changes nothing on a second run', () => {
    expect(parseMacro(fixed.output).errors.length).toBeLessThanOrEqual(parseMacro(source.text).errors.length);
    const again = auditSource({ ...source, text: fixed.output }, request, 'macro');
    expect(again.applied).toEqual([]);
    expect(again.output).toBe(fixed.output);
  });

  it('only inserts: `& ` in front of lines, and `&do` … `&end` around the body of an &then or &else', () => {
    const checked = auditSource(source, { ...request, fix: false }, 'macro');
    for (const edit of checked.messages.flatMap((m) => m.suggestions ?? []).flatMap((fix) => fix.edits)) {
      expect(edit.end).toBe(edit.start);
      expect(edit.text).toMatch(/^(?:[ \t]*&do(?:\r\n|\r|\n)[ \t]*)?& $|^(?:\r\n|\r|\n)[ \t]*&end$/);
    }
  });
});
