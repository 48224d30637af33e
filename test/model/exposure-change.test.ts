import { describe, expect, it } from 'vitest';
import {
  compareExposures,
  lineAt,
  settingsText,
  type ExposureRow,
  type ModuleExposure,
} from '../../src/model/exposure-change.ts';
import { defaultSettings } from '../../src/model/settings.ts';

const row = (over: Partial<ExposureRow>): ExposureRow => ({
  kind: 'listener',
  protocol: 'tcp',
  port: '23',
  program: 'telnetd',
  service: 'telnet',
  state: 'live',
  evidence: [{ file: 'm1/inetd.conf', text: 'telnet stream tcp nowait root telnetd', shown: 'm1/inetd.conf:3' }],
  ...over,
});

const module = (rows: ExposureRow[], over: Partial<ModuleExposure> = {}): ModuleExposure => ({
  key: 'm1',
  name: 'm1',
  rows,
  settings: new Map(),
  ...over,
});

const kinds = (before: ExposureRow[], after: ExposureRow[]) =>
  compareExposures([{ before: module(before), after: module(after) }]).modules.flatMap((m) =>
    m.rows.map((r) => [r.change, r.before?.state ?? 'absent', r.after?.state ?? 'absent', r.fields]),
  );

describe('the exposure change of two models', () => {
  it('classifies by how exposed each side is: off or absent to live or conditional opens, the reverse closes', () => {
    expect(kinds([row({ state: 'off' })], [row({})])).toEqual([['opened', 'off', 'live', ['state']]]);
    expect(kinds([], [row({ state: 'conditional' })])[0]!.slice(0, 3)).toEqual(['opened', 'absent', 'conditional']);
    expect(kinds([row({})], [row({ state: 'dead' })])).toEqual([['closed', 'live', 'dead', ['state']]]);
    expect(kinds([row({})], [])[0]!.slice(0, 3)).toEqual(['closed', 'live', 'absent']);
    expect(kinds([row({ state: 'conditional' })], [row({})])).toEqual([['changed', 'conditional', 'live', ['state']]]);
  });

  it('a row that is off on the only side it is on, or the same on both, is no change', () => {
    expect(kinds([], [row({ state: 'off' })])).toEqual([]);
    expect(kinds([row({ state: 'dead' })], [])).toEqual([]);
    expect(kinds([row({})], [row({})])).toEqual([]);
  });

  it('a line moved (another place, the same text) is no change; its text changed is', () => {
    const moved = row({ evidence: [{ ...row({}).evidence[0]!, shown: 'm1/inetd.conf:9' }] });
    expect(kinds([row({})], [moved])).toEqual([]);
    const edited = row({ evidence: [{ ...row({}).evidence[0]!, text: 'telnet stream tcp nowait root tcpd telnetd' }] });
    expect(kinds([row({})], [edited])).toEqual([['changed', 'live', 'live', ['evidence']]]);
  });

  it('pairs a daemon whose port changed as one row changed in its port', () => {
    expect(kinds([row({})], [row({ port: '24' })])).toEqual([['changed', 'live', 'live', ['port']]]);
  });

  it('tells the admission by tcpd and the condition apart', () => {
    expect(kinds([row({})], [row({ admits: '10.9.9.9 only', condition: 'VOS 15.1+' })])).toEqual([
      ['changed', 'live', 'live', ['condition', 'admits']],
    ]);
  });

  it('modules: added, removed, renamed by key, settings compared', () => {
    const change = compareExposures([
      { after: module([row({})], { key: 'm2', name: 'm2' }) },
      { before: module([row({})], { key: 'm3', name: 'm3' }) },
      { before: module([], { key: 'm4', name: 'm4' }), after: module([], { key: 'm5', name: 'm5' }) },
      {
        before: module([], { settings: new Map([['release', '15.1']]) }),
        after: module([], { settings: new Map([['release', '15.2']]) }),
      },
    ]);
    expect(change.modules.map((m) => [m.name, m.kind, m.from ?? null])).toEqual([
      ['m2', 'added', null],
      ['m3', 'removed', null],
      ['m5', 'renamed', 'm4'],
      ['m1', 'changed', null],
    ]);
    expect(change.modules[3]!.settings).toEqual([{ setting: 'release', before: '15.1', after: '15.2' }]);
    expect(change.summary).toEqual({ opened: 1, closed: 1, changed: 0, added: 1, removed: 1, renamed: 1 });
  });

  it('shows a site daemon declared with no ports as none, so that declaring it is a change a review sees', () => {
    const ports = new Map([
      ['order_server', [{ port: 9100, transport: 'tcp' as const }]],
      ['sysmon', []],
    ]);
    const shown = settingsText({ ...defaultSettings, daemons: { from: '.vos-audit.json', ports } });
    expect([...shown]).toEqual([
      ['daemons.order_server', '9100/tcp'],
      ['daemons.sysmon', 'none'],
    ]);
  });

  it('reads the line at an offset without its line end', () => {
    expect(lineAt('a\r\nbb\ncc', 3)).toBe('bb');
    expect(lineAt('a\nbb\ncc', 7)).toBe('cc');
    expect(lineAt('only', 0)).toBe('only');
  });
});
