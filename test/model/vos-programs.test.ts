import { describe, expect, it } from 'vitest';
import { modulePorts } from '../support/module-ports.ts';

/** Programs a real site macro starts that listen on nothing of their own (OSL's ports are the kernel's). */
const withoutPorts = [
  'osl_daemon',
  'osl_admin',
  'osl_overseer',
  'osl_server -server_number 1',
  'iso_server',
  'tli_disconnect_daemon',
  '(master_disk)>system>command_library>overseer',
  'copy_dump -wait',
  'posix_regdb_server',
];

/** The IANA service name registry's assignments for the protocols of the others, in port order as rows are. */
const iana = [
  { program: '(master_disk)>opt>mysql>bin>mysqld.pm', daemon: 'mysqld', port: 3306, protocol: 'tcp', service: 'mysql' },
  { program: '(master_disk)>opt>ndmp>ndmpd.pm', daemon: 'ndmpd', port: 10000, protocol: 'tcp', service: 'ndmp' },
];

async function portsOf(...programs: string[]) {
  const macro = programs.map((program) => `start_process '${program}' -privileged\n`).join('');
  return modulePorts({ 'module_start_up.cm': macro });
}

describe('the programs real site macros start, outside the article’s tables', () => {
  it('those with no port of their own add no row and are not undecided', async () => {
    const { listeners, unresolved } = await portsOf(...withoutPorts);
    expect([listeners, unresolved]).toEqual([[], []]);
  });

  it('ndmpd and mysqld listen on their protocols’ IANA ports, and say that this is where the port comes from', async () => {
    const { listeners, unresolved } = await portsOf(...iana.map((entry) => entry.program));
    expect(unresolved).toEqual([]);
    expect(
      listeners.map(({ daemon, port, protocol, service, state }) => ({ daemon, port, protocol, service, state })),
    ).toEqual(iana.map(({ daemon, port, protocol, service }) => ({ daemon, port, protocol, service, state: 'live' })));
    for (const row of listeners) expect(row.note).toContain('IANA assignment (general)');
  });

  it('a program the catalog does not know is still undecided', async () => {
    const { unresolved } = await portsOf('ledger_server');
    expect(unresolved).toEqual([expect.stringContaining('ledger_server')]);
  });
});
