import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const m = (...lines: string[]) => `${lines.join('\n')}\n`;

const macro = m(
  '&if (software_purchased S269) &then &do',
  '   &if (exists -file (master_disk)>opt>samba>bin>start_samba.cm)',
  '   &then !(master_disk)>opt>samba>bin>start_samba.cm',
  '&end',
  "&if &max_servs& > 2 &then start_process 'sshd.pm'",
);

interface Row {
  daemon: string;
  state: string;
  condition?: string;
  note?: string;
}

/** `vos-audit COMMAND --format json` on a module of this macro, with this .vos-audit.json (if any). */
async function run(command: string, config: object | undefined, ...options: string[]) {
  const dir = temporaryDirectory('vos-audit-macro-facts-');
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', 'module_start_up.cm'), macro);
  if (config !== undefined) writeFileSync(join(dir, 'm', '.vos-audit.json'), JSON.stringify(config));
  const result = await runCli(
    [command, '--format', 'json', '--release', '17.1', '--products', 'S269', ...options, 'm'],
    dir,
  );
  return { ...result, dir };
}

async function ports(config: object | undefined, ...options: string[]) {
  const result = await run('ports', config, ...options);
  expect(result.status).toBe(0);
  const [module] = JSON.parse(result.stdout).modules as Array<{ listeners: Row[]; openConditions: string[] }>;
  const row = (daemon: string) => module!.listeners.find((listener) => listener.daemon === daemon)!;
  return { smbd: row('smbd'), sshd: row('sshd'), open: module!.openConditions, stderr: result.stderr };
}

describe('facts a site states decide its macros’ conditions', () => {
  it('without facts, each undecided condition is listed as the fact that would decide it, ready to paste', async () => {
    const { smbd, sshd, open } = await ports(undefined);
    expect(smbd).toMatchObject({
      state: 'conditional',
      condition: '(exists -file (master_disk)>opt>samba>bin>start_samba.cm)',
    });
    expect(sshd).toMatchObject({ state: 'conditional', condition: '&max_servs& > 2' });
    expect(open).toEqual([
      '"exists -file (master_disk)>opt>samba>bin>start_samba.cm": true',
      '"&max_servs& > 2": true',
    ]);
    // Pasted into "facts", the lines decide both rows, and nothing is left to state.
    const pasted = await ports(JSON.parse(`{"facts": {${open.join(', ')}}}`));
    expect([pasted.smbd.state, pasted.sshd.state, pasted.open]).toEqual(['live', 'live', []]);
  });

  it('the text report lists the same facts as a block that pastes into "facts" as it is', async () => {
    const result = await run('ports', undefined);
    const text = (await runCli(['ports', '--release', '17.1', '--products', 'S269', 'm'], result.dir)).stdout;
    const block = text.split('\n').filter((line) => /^ {2}".*": true,?$/.test(line));
    expect(block).toHaveLength(2);
    const pasted = await ports(JSON.parse(`{"facts": {\n${block.join('\n')}\n}}`));
    expect([pasted.smbd.state, pasted.sshd.state, pasted.open]).toEqual(['live', 'live', []]);
  });

  it('a condition stated in .vos-audit.json decides its rows, and they say so', async () => {
    const { smbd } = await ports({ facts: { 'exists -file (master_disk)>opt>samba>bin>start_samba.cm': false } });
    expect(smbd.state).toBe('off');
    expect(smbd.note).toBe(
      'by fact in m/.vos-audit.json: exists -file (master_disk)>opt>samba>bin>start_samba.cm = false',
    );
  });

  it("a variable's value decides the conditions over it; --fact wins over the configuration", async () => {
    const config = { facts: { max_servs: 4 } };
    const stated = (await ports(config)).sshd;
    expect([stated.state, stated.note?.split('; ')[0]]).toEqual([
      'live',
      'by fact in m/.vos-audit.json: max_servs = 4',
    ]);
    expect((await ports(config, '--fact', 'max_servs=1')).sshd).toMatchObject({
      state: 'off',
      note: 'by --fact: max_servs = 1',
    });
    const { smbd } = await ports(undefined, '--fact', '(exists -file (master_disk)>opt>samba>bin>start_samba.cm)=true');
    expect(smbd).toMatchObject({ state: 'live' });
  });

  it('a fact that matches no condition is a warning naming the nearest one', async () => {
    const { stderr, smbd } = await ports({ facts: { 'exists -file (master_disk)>opt>samba>bin>start_smb.cm': true } });
    expect(smbd.state).toBe('conditional');
    expect(stderr).toBe(
      'vos-audit: m: warning: the fact "exists -file (master_disk)>opt>samba>bin>start_smb.cm" (m/.vos-audit.json:1:11) matches no condition of the module\'s macros; the nearest is "exists -file (master_disk)>opt>samba>bin>start_samba.cm"\n',
    );
    const variable = await ports(undefined, '--fact', 'max_serv=4');
    expect(variable.stderr).toMatch(
      /names a variable no condition of the module's macros reads; the nearest is "&max_servs& > 2"/,
    );
  });

  it('a fact that is not one is refused: the key and what was expected', async () => {
    const config = await run('ports', { facts: { 'exists -file x': 4 } });
    expect([config.status, config.stderr]).toEqual([
      2,
      expect.stringContaining("the fact 'exists -file x' must be true or false: whether the condition holds"),
    ]);
    const option = await run('ports', undefined, '--fact', '(a) | (b)=true');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('the fact must be one condition');
  });

  it('the firewall names the fact that would decide each condition it left out', async () => {
    const result = await run('firewall', undefined);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'm: a condition of its rows; this fact, true or false, under "facts" in .vos-audit.json decides it: "exists -file (master_disk)>opt>samba>bin>start_samba.cm": true',
    );
    expect(result.stderr).toContain('decided by "facts" in .vos-audit.json (or --fact)');
  });

  it('lists no condition of a start that listens on nothing: a site program declared [], an OSL process', async () => {
    const dir = temporaryDirectory('vos-audit-macro-facts-portless-');
    mkdirSync(join(dir, 'm'));
    writeFileSync(
      join(dir, 'm', 'module_start_up.cm'),
      m(
        "&if (exists -file >opt>sysmon.pm) &then start_process '>opt>sysmon.pm'",
        "&if (exists -file >opt>orders.pm) &then start_process '>opt>orders.pm'",
        "&if (module_name) = 'm1' &then start_process 'osl_admin'",
        "&if (exists -file >opt>radius) &then start_process 'radius_auth_server'",
      ),
    );
    const open = async (daemons: object) => {
      writeFileSync(join(dir, 'm', '.vos-audit.json'), JSON.stringify({ daemons }));
      const result = await runCli(['ports', '--format', 'json', 'm'], dir);
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout).modules[0].openConditions;
    };
    // radius_auth_server listens on nothing but is a client of the article's: its condition decides a row.
    expect(await open({})).toEqual([
      '"exists -file >opt>sysmon.pm": true',
      '"exists -file >opt>orders.pm": true',
      '"exists -file >opt>radius": true',
    ]);
    expect(await open({ sysmon: [], orders: ['7400/tcp'] })).toEqual([
      '"exists -file >opt>orders.pm": true',
      '"exists -file >opt>radius": true',
    ]);
  });
});
