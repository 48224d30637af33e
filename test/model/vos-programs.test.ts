import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

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

interface Row {
  daemon: string;
  startedBy: string;
  port: number;
  protocol: string;
  service?: string;
  state: string;
  note?: string;
}

async function portsOf(...programs: string[]) {
  const dir = temporaryDirectory('vos-audit-macro-programs-');
  mkdirSync(join(dir, 'm'));
  const macro = programs.map((program) => `start_process '${program}' -privileged\n`).join('');
  writeFileSync(join(dir, 'm', 'module_start_up.cm'), macro);
  const result = await runCli(['ports', '--format', 'json', '--release', '17.1', 'm'], dir);
  expect(result.status).toBe(0);
  const [module] = JSON.parse(result.stdout).modules as Array<{
    listeners: Row[];
    unresolved: Array<{ reason: string }>;
  }>;
  return { listeners: module!.listeners.filter((row) => row.startedBy !== 'kernel'), unresolved: module!.unresolved };
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
    expect(unresolved.map((u) => u.reason)).toEqual([expect.stringContaining('ledger_server')]);
  });
});
