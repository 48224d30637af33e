import { describe, expect, it } from 'vitest';
import { kindByContent, kindByName } from '../../src/languages/registry.ts';
import { read, samplePaths, samplesDir } from '../support/sources.ts';
import { join } from 'node:path';

describe('content sniffing', () => {
  // A sample need not have a tell-tale line (a hosts.allow of comments only), but none may be taken for another kind:
  // this is where two languages' lines overlap, and their priorities decide.
  it.each(samplePaths().filter((path) => kindByName(path) !== undefined))(
    'never takes samples/%s for a kind other than its name says',
    (path) => {
      expect([undefined, kindByName(path)]).toContain(kindByContent(read(join(samplesDir, path)).text));
    },
  );

  it('tells hosts.allow and hosts.deny from their content, and does not take other languages for them', () => {
    expect(kindByContent('# policy\ntftpd tftpd.pm: 10.9.9.9\n')).toBe('hosts-access');
    expect(kindByContent('ALL: ALL\n')).toBe('hosts-access');
    expect(kindByContent('telnet 23/tcp\n')).toBe('services');
    expect(kindByContent('tftp dgram udp wait root internal\n')).toBe('inetd');
    expect(kindByName('hosts.equiv')).toBeUndefined();
  });

  it("goes by priority, not the registry's order, when two languages' lines match", () => {
    // An inetd entry bound to an address has hosts-access's `name: address` line too; inetd's priority is higher.
    expect(kindByContent('10.0.0.1:7 stream tcp nowait root internal\n')).toBe('inetd');
  });
});
