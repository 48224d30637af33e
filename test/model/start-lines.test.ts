import { describe, expect, it } from 'vitest';
import { modelOf, rowsOf as rows } from '../support/model.ts';

const macro = (text: string) => modelOf({ 'module_start_up.cm': text });

describe('what a start line opens', () => {
  it('takes start_process options anywhere', () => {
    const model = macro("start_process -privileged -priority 6 'telnet_msd -network_port 2024' -process_name msd\n");
    expect(rows(model, 'telnet_msd')).toEqual([{ port: 2024, state: 'live' }]);
    expect(model.unresolved).toEqual([]);
  });

  it('reads -network_port through &set_string, with each value a variable may have', () => {
    const model = macro(
      [
        "&if (module_name) = 'm1'",
        '&then &set_string p 2024',
        '&else &set_string p 24',
        "start_process 'telnet_msd -network_port &p&' -privileged",
        '',
      ].join('\n'),
    );
    expect(rows(model, 'telnet_msd')).toEqual([
      { port: 24, state: 'conditional', condition: '&p& is 24' },
      { port: 2024, state: 'conditional', condition: '&p& is 2024' },
    ]);
  });

  it('leaves a port it cannot resolve undecided, on the row and in the list', () => {
    const model = macro("start_process 'telnet_msd -network_port &unset&'\n");
    expect(rows(model, 'telnet_msd')).toEqual([
      {
        port: 24,
        state: 'live',
        note: 'undecided: its port argument &unset& is not a port vos-audit can resolve; 24 is only the default',
      },
    ]);
    expect(model.unresolved.map((u) => u.reason)).toEqual([
      'telnet_msd: its port argument &unset& is not a port vos-audit can resolve; 24 is only the default',
    ]);
  });

  it('opens every -p of sshd, and -o Port=; without them notes that sshd_config is not read', () => {
    expect(
      rows(macro("start_process 'sshd.pm -p 22 -p2222 -o Port=2200' -privileged\n"), 'sshd').map((r) => r.port),
    ).toEqual([22, 2200, 2222]);
    const [sshd, ...others] = macro('start_process sshd.pm -privileged\n').listeners.filter((l) => l.daemon === 'sshd');
    expect(others).toEqual([]);
    expect(sshd).toMatchObject({ port: 22, state: 'live', portSource: { from: 'unread file', file: 'sshd_config' } });
    expect(sshd!.undecided).toBeDefined();
  });

  it('reads a quoted command continued over &+ lines, with no syntax error', () => {
    const files = { 'module_start_up.cm': "start_process 'telnet_msd &+\n     -network_port 2323' -privileged\n" };
    const model = modelOf(files);
    expect(rows(model, 'telnet_msd')).toEqual([{ port: 2323, state: 'live' }]);
    expect(model.unresolved).toEqual([]);
  });

  it('says a double quote is not a VOS quote instead of naming a half-quoted program', () => {
    const model = macro('start_process "sshd.pm -p 2222" -privileged\n');
    expect(model.listeners.filter((l) => l.daemon.includes('"'))).toEqual([]);
    expect(model.unresolved.map((u) => u.reason)).toEqual([
      'start_process "sshd.pm -p 2222" -privileged: a double quote is not a VOS quote (VOS strings are in single quotes), so which program this starts cannot be read',
    ]);
  });

  it('knows the article’s clients and mountd, and undecides none of them', () => {
    const model = macro(
      ['radius_auth_server', 'x25_cpc', 'mountd']
        .map((p) => `start_process '>system>command_library>${p}.pm'\n`)
        .join(''),
    );
    expect(model.unresolved).toEqual([]);
    expect(
      model.connections.map((c) => `${c.program} ${c.kind} ${c.protocol}/${c.port ?? 'varying'} ${c.state}`),
    ).toEqual([
      'radius_auth_server client udp/1812 live',
      'x25_cpc client tcp/48879 live',
      'mountd varying port udp/varying conditional',
    ]);
  });

  it('opens what .vos-audit.json declares for a site daemon, and says where that was declared', () => {
    const daemons = {
      from: 'site/.vos-audit.json',
      ports: new Map([['mysql_daemon', [{ port: 3306, transport: 'tcp' as const }]]]),
    };
    const model = modelOf({ 'module_start_up.cm': "start_process '>site>mysql_daemon.pm'\n" }, { daemons });
    expect(rows(model, 'mysql_daemon')).toEqual([
      { port: 3306, state: 'live', note: 'ports declared in site/.vos-audit.json' },
    ]);
    expect(model.listeners.find((l) => l.daemon === 'mysql_daemon')?.product).toBe('site');
    expect(model.unresolved).toEqual([]);
  });
});
