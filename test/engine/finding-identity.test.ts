import { describe, expect, it } from 'vitest';
import { baselineStates, findingIdentities } from '../../src/engine/finding-identity.ts';
import type { Message } from '../../src/engine/message.ts';
import { LineIndex } from '../../src/syntax/position.ts';

/** A finding of `ruleId` on the line of `text` that holds `offset`. */
function finding(text: string, offset: number, ruleId = 'inetd-tiny-service'): Message {
  const place = new LineIndex(text).position({ start: offset, end: offset + 1 });
  return { file: 'm1/inetd.conf', ruleId, severity: 'warning', reason: 'r', place, source: 'vos-audit' };
}

const ids = (text: string, offsets: number[], module = 'm1', file = 'm1/inetd.conf') =>
  findingIdentities(
    offsets.map((offset) => finding(text, offset)),
    text,
    module,
    file,
  );

describe('the identity of a finding', () => {
  const echo = 'echo\tstream\ttcp\tnowait\troot\tinternal';
  const time = 'time\tstream\ttcp\tnowait\troot\tinternal';

  it('survives the line moving and its blanks changing', () => {
    const [before] = ids(`${echo}\n`, [0]);
    const moved = `# comment\n\n${time}\n  ${echo.replace(/\t/g, '  ')}\n`;
    expect(ids(moved, [moved.indexOf('echo')])).toEqual([before]);
  });

  it('differs by rule, module, file and line text; equal lines are told apart by their ordinal', () => {
    const text = `${echo}\n${time}\n${echo}\n`;
    const [first, other, second] = ids(text, [0, text.indexOf('time'), text.lastIndexOf('echo')]);
    expect(other).not.toBe(first);
    expect(first!.split(':')[0]).toBe(second!.split(':')[0]);
    expect([first!.split(':')[1], second!.split(':')[1]]).toEqual(['1', '2']);
    expect(ids(text, [0], 'm2')[0]).not.toBe(first);
    expect(ids(text, [0], 'm1', 'm1/other.conf')[0]).not.toBe(first);
    const [byOtherRule] = findingIdentities([finding(text, 0, 'inetd-dos-tiny-service')], text, 'm1', 'm1/inetd.conf');
    expect(byOtherRule).not.toBe(first);
  });

  it('states against a baseline: new, unchanged, updated (severity or reason), absent', () => {
    const m = (severity: Message['severity'], reason: string) => ({ severity, reason });
    const { states, absent } = baselineStates(
      new Map([
        ['a', m('error', 'x')],
        ['b', m('warning', 'y')],
        ['c', m('error', 'z')],
      ]),
      new Map([
        ['b', m('warning', 'y')],
        ['c', m('warning', 'z')],
        ['d', m('info', 'w')],
      ]),
    );
    expect(Object.fromEntries(states)).toEqual({ a: 'new', b: 'unchanged', c: 'updated' });
    expect(absent).toEqual(['d']);
  });
});
