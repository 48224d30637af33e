import { describe, expect, it } from 'vitest';
import { kindByContent, kindByName } from '../../src/languages/registry.ts';

describe('hosts.allow and hosts.deny', () => {
  it('are told from their content when named otherwise, and other languages are not taken for them', () => {
    expect(kindByContent('# policy\ntftpd tftpd.pm: 10.9.9.9\n')).toBe('hosts-access');
    expect(kindByContent('ALL: ALL\n')).toBe('hosts-access');
    expect(kindByContent('telnet 23/tcp\n')).toBe('services');
    expect(kindByContent('tftp dgram udp wait root internal\n')).toBe('inetd');
    expect(kindByName('hosts.equiv')).toBeUndefined();
  });
});
