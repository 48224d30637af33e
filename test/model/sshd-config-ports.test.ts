import { describe, expect, it } from 'vitest';
import type { Listener } from '../../src/model/listener.ts';
import { placeText } from '../../src/model/place.ts';
import { modelOf } from '../support/model.ts';

/**
 * The expected ports are written from sshd(8) and sshd_config(5): Port is repeatable and 22 by default; `-p` on the
 * start line makes sshd ignore the file's Port; `-o` is a config line read before the file; a ListenAddress that
 * names a port listens on that port, one that does not on every Port; `-f` names the file sshd reads.
 */
function sshdRows(files: Record<string, string>): Listener[] {
  return modelOf(files).listeners.filter((l) => l.daemon === 'sshd');
}

const start = (args = '') => ({ 'module_start_up.cm': `start_process 'sshd.pm${args}' -privileged\n` });
const ports = (rows: readonly Listener[]) => rows.map((row) => row.port).sort((a, b) => a - b);
const decided = (rows: readonly Listener[]) => rows.map((row) => row.decidedAt && placeText(row.decidedAt));

describe("sshd's ports from sshd_config and its start line", () => {
  it('Port lines, repeated, each decide a row at its line', () => {
    const rows = sshdRows({ ...start(), sshd_config: '# ports\nPort 2222\nport=2022\n' });
    expect(ports(rows)).toEqual([2022, 2222]);
    expect(decided(rows).sort()).toEqual(['sshd_config:2', 'sshd_config:3']);
    expect(rows[0]!.portSource).toEqual({ from: 'daemon config', file: 'sshd_config' });
    expect(rows.every((row) => row.undecided === undefined && row.state === 'live')).toBe(true);
  });

  it('no Port: 22, decided by the file', () => {
    const rows = sshdRows({ ...start(), sshd_config: 'PermitRootLogin no\n' });
    expect(ports(rows)).toEqual([22]);
    expect(rows[0]!.undecided).toBeUndefined();
    expect(rows[0]!.portSource).toEqual({ from: 'daemon config', file: 'sshd_config' });
  });

  it('-p replaces the Port lines; -o Port adds to them', () => {
    const config = { sshd_config: 'Port 2222\n' };
    expect(ports(sshdRows({ ...start(' -p 2200'), ...config }))).toEqual([2200]);
    expect(ports(sshdRows({ ...start(' -p2200 -p 2201'), ...config }))).toEqual([2200, 2201]);
    expect(ports(sshdRows({ ...start(' -o Port=2300'), ...config }))).toEqual([2222, 2300]);
    const fromP = sshdRows({ ...start(' -p 2200'), ...config })[0]!;
    expect(fromP.portSource).toEqual({ from: 'argument', written: '2200', resolved: true });
    expect(placeText(fromP.decidedAt!)).toBe('module_start_up.cm:1');
  });

  it('ListenAddress with a port listens there; without one, on every Port (or -p)', () => {
    const config = {
      sshd_config:
        'Port 2222\nListenAddress 192.0.2.10\nListenAddress [2001:db8::1]:2201\nListenAddress 192.0.2.11:2202\n',
    };
    const rows = sshdRows({ ...start(), ...config });
    expect(ports(rows)).toEqual([2201, 2202, 2222]);
    expect(decided(rows).sort()).toEqual(['sshd_config:1', 'sshd_config:3', 'sshd_config:4']);
    expect(ports(sshdRows({ ...start(' -p 2200'), ...config }))).toEqual([2200, 2201, 2202]);
    expect(ports(sshdRows({ ...start(' -o ListenAddress=192.0.2.12:2203'), ...config }))).toEqual([
      2201, 2202, 2203, 2222,
    ]);
  });

  it('Port inside a Match block is not a port (sshd refuses it): the model leaves it out and is incomplete', () => {
    const files = { ...start(), sshd_config: 'Port 2222\nMatch User backup\n  Port 2223\n' };
    expect(ports(sshdRows(files))).toEqual([2222]);
    expect(modelOf(files).unresolved.map((u) => u.place && placeText(u.place))).toContain('sshd_config:3');
  });

  it("-f names the file among the module's; one outside it leaves the port undecided, saying why", () => {
    const copies = {
      'opt/openssl/etc/sshd_config': 'Port 2444\n',
      'system/openssl/etc/sshd_config': 'Port 2222\n',
    };
    expect(ports(sshdRows({ ...start(' -f (master_disk)>opt>openssl>etc>sshd_config'), ...copies }))).toEqual([2444]);
    expect(ports(sshdRows({ ...start(' -f>system>openssl>etc>sshd_config'), ...copies }))).toEqual([2222]);
    const either = sshdRows({ ...start(), ...copies });
    expect(ports(either)).toEqual([22]);
    expect(either[0]!.undecided).toContain('system/openssl/etc/sshd_config');
    const outside = sshdRows({ ...start(' -f >elsewhere>sshd_x'), sshd_config: 'Port 2222\n' });
    expect(ports(outside)).toEqual([22]);
    expect(outside[0]!.undecided).toContain('>elsewhere>sshd_x');
  });

  it("Include follows globs among the module's files, in name order, and refuses a cycle", () => {
    const rows = sshdRows({
      ...start(),
      sshd_config: 'Include sshd_config.d/*.conf\nPort 2222\n',
      'sshd_config.d/b.conf': 'Port 2002\n',
      'sshd_config.d/a.conf': 'Port 2001\n',
    });
    expect(ports(rows)).toEqual([2001, 2002, 2222]);
    expect(decided(rows).sort()).toEqual(['sshd_config.d/a.conf:1', 'sshd_config.d/b.conf:1', 'sshd_config:2']);
    const cycle = sshdRows({ ...start(), sshd_config: 'Include sshd_config\nPort 2222\n' });
    expect(ports(cycle)).toEqual([2222]);
    expect(cycle[0]!.undecided).toContain('cycle');
    const missing = sshdRows({ ...start(), sshd_config: 'Include /etc/ssh/extra.conf\nPort 2222\n' });
    expect(missing[0]!.undecided).toContain('/etc/ssh/extra.conf');
  });

  it('with no sshd_config in the module, 22 stays undecided as before', () => {
    const rows = sshdRows(start());
    expect(ports(rows)).toEqual([22]);
    expect(rows[0]!.portSource).toEqual({ from: 'unread file', file: 'sshd_config' });
  });
});
