import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileKinds } from '../../src/languages/registry.ts';
import { expectUserError, runCli, type CliResult } from '../support/cli.ts';
import { runCommand } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('vos-audit ports', () => {
  it('prints one table per module of a tree, with evidence and advice', async () => {
    const result = await runCli(['ports', '--wide', '.'], samplesDir);
    expect(result.status).toBe(0);
    const modules = result.stdout.split('\n').filter((line) => line.startsWith('module '));
    // Every module is a directory of samples/, once, in order; a sample added later adds its own.
    for (const line of modules) expect(existsSync(join(samplesDir, line.slice('module '.length))), line).toBe(true);
    expect(modules).toEqual([...new Set(modules)].sort());
    expect(modules).toEqual(
      expect.arrayContaining([
        'module bsd-verdicts',
        'module control-flow',
        'module evidence',
        'module firewall-bridges/east-bridge',
        'module firewall-bridges/west-bridge',
        'module firewall-conditional',
        'module firewall-nio',
        'module firewall-osl-system/m1',
        'module firewall-osl-system/m2',
        'module hardened',
        'module nio-tcpd',
        'module nio-v-series',
        'module releases',
        'module rsn-only-telnet',
        'module start-arguments',
        'module stock-posix',
        'module stock-pre-14.5',
        'module tcpd-broken',
        'module tcpd-open',
      ]),
    );
    expect(result.stdout).toMatch(
      /^901 +tcp +swat +S269 +swat +inetd +live +stock-posix\/module_start_up\.cm:14, stock-posix\/inetd\.conf:28 +Samba administration over plain HTTP: the password crosses the network in clear text \(general Unix\)$/m,
    );
    expect(result.stdout).toMatch(
      /^22 +tcp +ssh +S270 +sshd +module_start_up\.cm +conditional +if \(software_purchased S270\) and \(VOS 14\.7 or 15\.1\+\); undecided: [^ ].* +stock-posix\/module_start_up\.cm:27$/m,
    );
  });

  it('decides software_purchased blocks with --products', async () => {
    const purchased = await runCli(
      ['ports', '--format', 'json', '--products', 'S270', '--release', '19.3', 'stock-posix'],
      samplesDir,
    );
    const listeners = JSON.parse(purchased.stdout).modules[0].listeners;
    expect(listeners.find((l: { port: number }) => l.port === 22).state).toBe('live');
    expect(listeners.find((l: { port: number }) => l.port === 139)).toMatchObject({
      state: 'off',
      note: 'product S269 is not purchased',
    });
  });

  it('turns off the ports a release does not have, and says why', async () => {
    const result = await runCli(['ports', '--wide', '--release', '15.0', 'stock-posix'], samplesDir);
    expect(result.stdout).toMatch(
      /^22 +tcp +ssh +S270 +sshd +module_start_up\.cm +off +sshd on 22 exists in VOS 14\.7 or 15\.1\+ \(the article\), not in 15\.0/m,
    );
  });

  it('writes CSV for firewall teams', async () => {
    const result = await runCli(['ports', '--format', 'csv', 'hardened'], samplesDir);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'module,port,range_end,range_formula,protocol,service,daemon,started_by,state,condition,note,wrapped_by,evidence,advice,product,advice_source,kind,module_complete,module_undecided',
    );
    expect(lines).toContain(
      'hardened,22,,,tcp,ssh,sshd,module_start_up.cm,conditional,(software_purchased S270) and (VOS 14.7 or 15.1+),"undecided: sshd_config\'s Port may set another port, and the module has no sshd_config",,hardened/module_start_up.cm:14,,S270,,listen,true,',
    );
    expect(lines).toContain(
      `hardened,4000,,4000 + max_open_server (new_backbone_systems.tin),tcp,OSN,kernel (OSN),kernel,conditional,the module is its system's bridge module,,,,"only the bridge modules of other systems connect: ""Only bridge modules (1 per system) communicate over these ports""",STCP,article,listen,true,`,
    );
  });

  it('forms one module of the files named together', async () => {
    const result = await runCli(
      ['ports', '--wide', 'stock-posix/inetd.conf', 'stock-posix/module_start_up.cm'],
      samplesDir,
    );
    expect(result.stdout.split('\n')[2]).toBe('module stock-posix');
    expect(result.stdout).toMatch(
      /^7 +tcp +echo +STCP +inetd +inetd +live +stock-posix\/module_start_up\.cm:14, stock-posix\/inetd\.conf:7/m,
    );
  });
});

describe('files of other kinds', () => {
  it('rejects a telnet_admin listing of an unknown layout, naming the header it expected', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'telnet_admin.txt'), 'telnet 23 login\n');
    const result = await runCli(['--wide', '.'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "telnet_admin.txt:1:1  error  Unexpected header 'telnet 23 login', expected a header row naming at least a Service and a Port column (for example: Service  Port  Device  Type)  telnet-admin-syntax",
    );
  });

  it('reads a file as the kind --kind says', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'startup.txt'), "start_process 'telnet_msd -network_port 24'\n");
    expect((await runCli(['startup.txt'], dir)).stdout).toContain('telnet-msd-started');
    const named = await runCli(['--wide', '--kind', 'startup.txt=macro', 'startup.txt'], dir);
    expect(named.stdout).toMatch(/^startup\.txt:1:1 +warning .*tcp\/24.* telnet-msd-started$/m);
    expect((await runCli(['--kind', 'startup.txt=shell', 'startup.txt'], dir)).stderr).toBe(
      `vos-audit: option '--kind <file=kind>' argument 'startup.txt=shell' is invalid. expected FILE=KIND with KIND one of ${fileKinds.join(', ')}\n`,
    );
  });

  it('follows a macro that calls itself, through another, once', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'module_start_up.cm'), '!start_a.cm\n');
    writeFileSync(join(dir, 'start_a.cm'), "!start_b.cm\nstart_process 'portmap.pm'\n");
    writeFileSync(join(dir, 'start_b.cm'), '!start_a.cm\n!module_start_up.cm\n');
    const result = await runCli(['ports', '.'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/^111 /gm)).toHaveLength(1);
  });

  it('says what a macro does that it cannot decide', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'module_start_up.cm'), "!(master_disk)>site>start_apps\nstart_process 'order_server.pm'\n");
    const result = await runCli(['ports', '--wide', '.'], dir);
    expect(result.stdout).toContain(
      "undecided: runs the macro (master_disk)>site>start_apps, which is not among the module's files: what it starts is unknown (module_start_up.cm:1)",
    );
    expect(result.stdout).toContain(
      'undecided: starts order_server.pm, whose ports vos-audit does not know (declare them under "daemons" in .vos-audit.json) (module_start_up.cm:2)',
    );
  });
});

describe('--suggestions', () => {
  it('--diff --suggestions comments out macro start lines; git apply gives what --fix --suggestions writes', async () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'stock-pre-14.5'), join(dir, 'm1'), { recursive: true });
    const copy = temporaryDirectory();
    cpSync(dir, copy, { recursive: true });
    runCommand('git', ['init', '-q'], copy);

    const safeOnly = (await runCli(['--diff', '--release', '14.4', 'm1'], dir)).stdout;
    expect(safeOnly).not.toContain('start_rpc.cm');
    const diff = await runCli(['--diff', '--suggestions', '--release', '14.4', 'm1'], dir);
    expect(diff.stdout).toContain(
      "+& start_process '(master_disk)>system>rpc>stcp>command_library>portmap.pm' -privileged -priority 7",
    );
    const fixed = await runCli(['--fix', '--suggestions', '--release', '14.4', 'm1'], dir);
    expect(fixed.stdout).toContain('fixed m1/start_rpc.cm (2 changes):');
    expect(runCommand('git', ['apply', '-'], copy, Buffer.from(diff.stdout)).status).toBe(0);
    for (const name of ['module_start_up.cm', 'start_rpc.cm', 'inetd.conf']) {
      expect(readFileSync(join(copy, 'm1', name), 'utf8')).toBe(readFileSync(join(dir, 'm1', name), 'utf8'));
    }
    const again = await runCli(['--fix', '--suggestions', '--release', '14.4', 'm1'], dir);
    expect(again.stdout).not.toContain('fixed ');
    expect(again.stdout).not.toContain('rpc-services-live');
    expect(again.stdout).not.toContain('telnet-msd-started');
  });

  it('needs --fix or --diff', async () => {
    const result = await runCli(['--suggestions', 'hardened'], samplesDir);
    expectUserError(result, '--suggestions', '--fix', '--diff');
  });
});

describe('module discovery', () => {
  it('treats a directory with a VOS-like system directory as one module', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'modules', 'm1', 'system', 'stcp'), { recursive: true });
    cpSync(join(samplesDir, 'rsn-only-telnet'), join(dir, 'modules', 'm2'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'm1', 'system', 'stcp', 'inetd.conf'), 'echo stream tcp nowait root internal\n');
    const result = await runCli(['ports', 'modules'], dir);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('module '))).toEqual([
      'module modules/m1',
      'module modules/m2',
    ]);
  });

  it('audits a module or file given twice once, in its module', async () => {
    const once = await runCli(['stock-posix'], samplesDir);
    expect(once.stdout).toMatch(/in 4 files/);
    expect(await runCli(['stock-posix', 'stock-posix'], samplesDir)).toEqual(once);
    expect(await runCli(['stock-posix/inetd.conf', 'stock-posix'], samplesDir)).toEqual(once);
    expect(await runCli(['.', 'stock-posix'], samplesDir)).toEqual(await runCli(['.'], samplesDir));
    const file = await runCli(['stock-posix/inetd.conf'], samplesDir);
    expect(await runCli(['stock-posix/inetd.conf', './stock-posix/inetd.conf'], samplesDir)).toEqual(file);
  });
});

describe('standard input (-)', () => {
  const inetd = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'), 'utf8');
  let asFile: CliResult;
  beforeAll(async () => {
    asFile = await runCli(['--wide', 'inetd.conf'], join(samplesDir, 'stock-posix'));
  });

  it('is audited like the file it holds, named -', async () => {
    const result = await runCli(['--wide', '-'], samplesDir, inetd);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('-:7:1   error    echo/tcp (port 7) is active');
    expect(result.stdout).toBe(asFile.stdout.replaceAll(/^inetd\.conf:/gm, '-:'));
    expect(await runCli(['--wide', '-', '-'], samplesDir, inetd)).toEqual(result);
  });

  it('joins the files named with it, takes --kind -=KIND, and shows its fixes with --diff', async () => {
    const macro = readFileSync(join(samplesDir, 'stock-posix', 'module_start_up.cm'), 'utf8');
    const withInetd = await runCli(['--kind', '-=macro', '-', 'stock-posix/inetd.conf'], samplesDir, macro);
    expect(withInetd.stdout).toMatch(/in 2 files/);
    expect(withInetd.stdout).toContain('stock-posix/inetd.conf:7:1 ');
    const diff = await runCli(['--diff', '-'], samplesDir, inetd);
    const fileDiff = await runCli(['--diff', 'inetd.conf'], join(samplesDir, 'stock-posix'));
    expect(diff.stdout.split('\n').slice(0, 2)).toEqual(['--- a/-', '+++ b/-']);
    expect(diff.stdout.split('\n').slice(2)).toEqual(fileDiff.stdout.split('\n').slice(2));
  });

  it('cannot be rewritten by --fix, and must hold something vos-audit knows', async () => {
    const fix = await runCli(['--fix', '-'], samplesDir, inetd);
    expectUserError(fix, '--fix', '(-)');
    const empty = await runCli(['-'], samplesDir, '');
    expect(empty.status).toBe(2);
    // The message's wording is checked in cli.test.ts; here, that it names standard input as `-`.
    expect(empty.stderr).toMatch(/^vos-audit: -: .* --kind -=\S+\n$/);
  });
});

describe('rules, explain and thresholds', () => {
  it('vos-audit rules lists every rule', async () => {
    const result = await runCli(['rules', '--wide'], samplesDir);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^RULE +SEVERITY +FIXES +CHECKS +SUMMARY$/);
    expect(result.stdout).toMatch(
      /^inetd-dos-tiny-service +error +fix +inetd +echo, chargen and daytime must not be served by inetd$/m,
    );
    expect(result.stdout).toMatch(/^telnet-msd-started +warning +suggestion +module +/m);
  });

  it('vos-audit explain prints the rule page, and suggests the nearest id for a wrong one', async () => {
    const page = await runCli(['explain', '--format', 'markdown', 'telnet-without-sshd'], samplesDir);
    expect(page.stdout.startsWith('# telnet-without-sshd\n')).toBe(true);
    expect(page.stdout).toContain('## Why');
    const wrong = await runCli(['explain', 'telnet-without-ssh'], samplesDir);
    expectUserError(wrong, "'telnet-without-ssh'", 'telnet-without-sshd');
    expectUserError(await runCli(['explain', 'SWAT'], samplesDir), "'SWAT'", 'inetd-swat');
    expectUserError(await runCli(['explain', 'tiny'], samplesDir), 'inetd-dos-tiny-service', 'inetd-tiny-service');
    const far = await runCli(['explain', 'firewall-rules'], samplesDir);
    expectUserError(far, "'firewall-rules'", '`vos-audit rules`');
    expect(far.stderr).not.toMatch(/inetd-|telnet-|tcpd-/);
  });

  it('--quiet reports errors only; --max-warnings fails on too many warnings', async () => {
    const quiet = await runCli(['--wide', '--quiet', 'rsn-only-telnet'], samplesDir);
    expect(quiet.stdout.split('\n').slice(2).join('\n')).toBe('no errors in 4 files; 1 warning and 1 info not shown\n');
    expect(quiet.status).toBe(0);
    expect(await runCli(['--max-warnings', '1', 'rsn-only-telnet'], samplesDir)).toMatchObject({
      status: 0,
      stderr: '',
    });
    expect(await runCli(['--max-warnings', '0', 'rsn-only-telnet'], samplesDir)).toMatchObject({
      status: 1,
      stderr: 'vos-audit: 1 warning, more than --max-warnings 0 allows: exit 1\n',
    });
    expectUserError(
      await runCli(['--max-warnings', 'many', 'rsn-only-telnet'], samplesDir),
      '--max-warnings',
      "'many'",
    );
  });
});
