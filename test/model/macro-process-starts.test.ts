import { describe, expect, it } from 'vitest';
import { modulePorts } from '../support/module-ports.ts';

/** The module's rows as daemon, port, who started it and state; and what it could not decide. */
async function portsOf(macros: Record<string, string>) {
  const { listeners, unresolved } = await modulePorts(macros);
  return {
    rows: listeners.map(({ daemon, port, startedBy, state }) => ({ daemon, port, startedBy, state })),
    unresolved,
  };
}

const build = '&begin_parameters\n  cpu option(-processor)name\n&end_parameters\nstart_process ndmpd.pm\n';
const stringOverLines =
  '&set_string cpu a\n!start_process (string <build -processor &cpu& &+\n     -output build.out) -privileged &+\n     -process_name builder\n';

describe('(string …) on a start_process line continued with &+', () => {
  it('is evaluated across the continued lines: the program is its first word, the rest its arguments', async () => {
    const { rows, unresolved } = await portsOf({
      'module_start_up.cm': 'start_process (string telnet_msd -network_port &+\n    2024) -privileged\n',
    });
    expect([rows, unresolved]).toEqual([
      [{ daemon: 'telnet_msd', port: 2024, startedBy: 'module_start_up.cm', state: 'live' }],
      [],
    ]);
  });

  it('names the macro it builds, run as a process, when that macro is among the module’s files', async () => {
    const { rows, unresolved } = await portsOf({ 'module_start_up.cm': stringOverLines, 'build.cm': build });
    expect([rows, unresolved]).toEqual([[{ daemon: 'ndmpd', port: 10000, startedBy: 'build.cm', state: 'live' }], []]);
  });

  it('names the program it builds when it cannot be read, not "(string"', async () => {
    const { unresolved } = await portsOf({ 'module_start_up.cm': stringOverLines });
    expect(unresolved).toEqual([expect.stringMatching(/^starts <build, /)]);
  });
});

describe("start_process 'x.cm': a macro run in a process of its own", () => {
  it('starts what the macro starts, and its caller goes on even when the macro never comes back', async () => {
    const { rows, unresolved } = await portsOf({
      'module_start_up.cm': "start_process '<build.cm -processor a' -privileged\nstart_process 'sshd.pm'\n",
      'build.cm': `${build}&label again\n&goto again\n`,
    });
    expect(unresolved).toEqual([]);
    expect(rows).toEqual([
      { daemon: 'sshd', port: 22, startedBy: 'module_start_up.cm', state: 'live' },
      { daemon: 'ndmpd', port: 10000, startedBy: 'build.cm', state: 'live' },
    ]);
  });

  it('a program of the same name as a macro, with .pm, is that program', async () => {
    const { rows } = await portsOf({ 'module_start_up.cm': "start_process 'ndmpd.pm'\n", 'ndmpd.cm': build });
    expect(rows).toEqual([{ daemon: 'ndmpd', port: 10000, startedBy: 'module_start_up.cm', state: 'live' }]);
  });

  it('is undecided, naming the macro, when it is not among the module’s files', async () => {
    const { unresolved } = await portsOf({ 'module_start_up.cm': "start_process '<build.cm -processor a'\n" });
    expect(unresolved).toEqual([
      "starts a process that runs the macro <build.cm, which is not among the module's files: what it starts is unknown",
    ]);
  });
});
