import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../src/model/listener.ts';
import { placeText } from '../../src/model/place.ts';
import { runCli } from '../support/cli.ts';
import { modelOf } from '../support/model.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** What a row says decided it and where its port comes from, as the tests compare them. */
function origin(listener: Listener | undefined) {
  return {
    decidedAt: listener?.decidedAt && placeText(listener.decidedAt),
    portSource: listener?.portSource,
  };
}

function rowOf(files: Record<string, string>, daemon: string, port?: number) {
  return modelOf(files).listeners.find((l) => l.daemon === daemon && (port === undefined || l.port === port));
}

describe('each listener says which line decided it and where its port comes from', () => {
  it('a start line reached through two calls: the start line, not the call met last', () => {
    const row = rowOf(
      {
        'module_start_up.cm': 'start_ssh\n&if (exists -file x) &then start_ssh\n',
        'start_ssh.cm': "start_process 'sshd.pm'\n",
      },
      'sshd',
    );
    expect(row?.evidence.map(placeText)).toEqual(['module_start_up.cm:1', 'start_ssh.cm:1', 'module_start_up.cm:2']);
    expect(origin(row)).toEqual({
      decidedAt: 'start_ssh.cm:1',
      portSource: { from: 'unread file', file: 'sshd_config' },
    });
  });

  it('an argument that names the port; one vos-audit cannot read, whose catalog default stands in', () => {
    expect(
      origin(rowOf({ 'module_start_up.cm': "start_process 'telnet_msd -network_port 2024'\n" }, 'telnet_msd')),
    ).toEqual({
      decidedAt: 'module_start_up.cm:1',
      portSource: { from: 'argument', written: '2024', resolved: true },
    });
    const unread = modelOf({ 'module_start_up.cm': "start_process 'telnet_msd -network_port &p&'\n" });
    expect(origin(unread.listeners.find((l) => l.daemon === 'telnet_msd'))).toEqual({
      decidedAt: 'module_start_up.cm:1',
      portSource: { from: 'argument', written: '&p&', resolved: false },
    });
    expect(unread.unresolved.filter((u) => u.place && placeText(u.place) === 'module_start_up.cm:1')).toHaveLength(1);
  });

  it("an inetd.conf line and a telnet_admin row are the files' own; the catalog's defaults are not", () => {
    const files = {
      'inetd.conf': '# a comment\necho stream tcp nowait root internal\n',
      'telnet_admin.txt': 'Service  Port  Device\nrsn      85    rsn_incoming\n',
    };
    expect(origin(rowOf(files, 'inetd', 7))).toEqual({
      decidedAt: 'inetd.conf:2',
      portSource: { from: 'config file' },
    });
    expect(origin(rowOf(files, 'telnetd', 85))).toEqual({
      decidedAt: 'telnet_admin.txt:2',
      portSource: { from: 'config file' },
    });
    const assumed = modelOf({ 'inetd.conf': '' }).listeners.filter((l) => l.startedBy !== 'inetd');
    expect(assumed.length).toBeGreaterThan(0);
    for (const row of assumed)
      expect(origin(row), row.daemon).toEqual({ decidedAt: undefined, portSource: { from: 'catalog' } });
  });

  it("a site's daemon whose ports .vos-audit.json declares", () => {
    const row = modelOf(
      { 'module_start_up.cm': "start_process 'mydaemon.pm'\n" },
      { daemons: { from: 'site/.vos-audit.json', ports: new Map([['mydaemon', [{ port: 9000, transport: 'tcp' }]]]) } },
    ).listeners.find((l) => l.daemon === 'mydaemon');
    expect(origin(row)).toEqual({
      decidedAt: 'module_start_up.cm:1',
      portSource: { from: 'declared daemon', in: 'site/.vos-audit.json' },
    });
  });
});

describe('findings are reported at the line that decided the row', () => {
  it('a start line run by a macro called twice: the start line, and the suggestion comments it out', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'module_start_up.cm'), 'start_msd\n&if (exists -file x) &then start_msd\n');
    writeFileSync(join(dir, 'start_msd.cm'), "start_process 'telnet_msd -network_port 24'\n");
    const report = JSON.parse((await runCli(['--format', 'json', '.'], dir)).stdout);
    const findings = report.files.flatMap(
      (file: { path: string; messages: Array<{ ruleId: string; place: { start: { line: number } } }> }) =>
        file.messages.filter((m) => m.ruleId === 'telnet-msd-started').map((m) => `${file.path}:${m.place.start.line}`),
    );
    expect(findings).toEqual(['start_msd.cm:1']);
    await runCli(['--fix', '--suggestions', '.'], dir);
    expect(readFileSync(join(dir, 'start_msd.cm'), 'utf8')).toMatch(/^& start_process 'telnet_msd/);
    expect(readFileSync(join(dir, 'module_start_up.cm'), 'utf8')).toBe(
      'start_msd\n&if (exists -file x) &then start_msd\n',
    );
  });
});
