import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTcpdPath } from '../src/catalog/inetd-services.ts';
import { newestRelease } from '../src/catalog/releases.ts';
import { inetdServices } from '../src/model/inetd.ts';
import { parseInetd } from '../src/syntax/inetd.ts';
import { allInetdSources } from './fixtures.ts';
import { auditSource, sourceOf } from './helpers.ts';

/** Every program the file's active lines make inetd run: the server, and behind tcpd the daemon it runs. */
function programsRun(text: string): Set<string> {
  const programs = new Set<string>();
  for (const service of inetdServices(parseInetd(text))) {
    if (service.entry.disabled) continue;
    programs.add(service.entry.server.value);
    if (service.tcpd !== undefined && service.entry.arguments[0] !== undefined) programs.add(service.entry.arguments[0].value);
  }
  return programs;
}

function fixed(text: string): string {
  return auditSource(sourceOf(text), { options: { release: newestRelease, nio: false }, fix: true }).output;
}

/** The rule of issue 12: a fix never makes the module run a program that no active line and no catalog entry runs. */
function expectNothingNewRuns(text: string): void {
  const allowed = new Set([...programsRun(text), defaultTcpdPath]);
  const added = [...programsRun(fixed(text))].filter((program) => !allowed.has(program));
  expect(added, fixed(text)).toEqual([]);
}

const tftpd = '>system>stcp>command_library>tftpd.pm';
const bootpd = '>system>stcp>command_library>bootpd.pm';
const mallory = '>home>mallory>tcpd.pm';

describe('inetd fixes run nothing new', () => {
  it('does not take the tcpd path of a comment for another service (was: tftp rewritten to run mallory’s tcpd)', () => {
    const text = `#ntalk dgram udp wait root ${mallory} ntalkd\ntftp dgram udp wait root ${tftpd} tftpd\n`;
    expect(fixed(text)).toBe(`#ntalk dgram udp wait root ${mallory} ntalkd\ntftp dgram udp wait root ${defaultTcpdPath} ${tftpd}\n`);
  });

  it('does not re-enable a commented tcpd line that runs another program (was: >bin>sh -c evil enabled by --fix)', () => {
    const text = `tftp dgram udp wait root ${tftpd} tftpd\n#tftp dgram udp wait root ${mallory} >bin>sh -c evil\n`;
    expect(fixed(text)).toBe(`tftp dgram udp wait root ${defaultTcpdPath} ${tftpd}\n#tftp dgram udp wait root ${mallory} >bin>sh -c evil\n`);
  });

  it.each([
    ['another tcpd', `#tftp dgram udp wait root ${mallory} ${tftpd}`],
    ['other arguments', `#tftp dgram udp wait root ${defaultTcpdPath} ${tftpd} -s >home>mallory`],
    ['another user', `#tftp dgram udp wait mallory ${defaultTcpdPath} ${tftpd}`],
    ['another daemon of the same name', `#tftp dgram udp wait root ${defaultTcpdPath} >home>mallory>tftpd.pm`],
  ])('does not re-enable the service’s own tcpd line with %s', (_what, commented) => {
    const text = `tftp dgram udp wait root ${tftpd} tftpd\n${commented}\n`;
    expect(fixed(text)).toBe(`tftp dgram udp wait root ${defaultTcpdPath} ${tftpd}\n${commented}\n`);
  });

  it('re-enables the service’s own tcpd line behind a tcpd an active line runs, and routes through that tcpd', () => {
    const siteTcpd = '%sys#d01>system>stcp>command_library>tcpd.pm';
    const text = [
      `ntalk dgram udp wait root ${siteTcpd} >system>stcp>command_library>ntalkd.pm`,
      `tftp dgram udp wait root ${tftpd} tftpd`,
      `#tftp dgram udp wait root ${siteTcpd} ${tftpd}`,
      `bootps dgram udp wait root ${bootpd}`,
      '',
    ].join('\n');
    expect(fixed(text).split('\n').slice(1)).toEqual([
      `#tftp dgram udp wait root ${tftpd} tftpd`,
      `tftp dgram udp wait root ${siteTcpd} ${tftpd}`,
      `bootps dgram udp wait root ${siteTcpd} ${bootpd}`,
      '',
    ]);
  });

  it.each(allInetdSources())('%s', (_name, source) => expectNothingNewRuns(source.text));

  it('on random files of direct, wrapped and commented lines', () => {
    const program = fc.constantFrom(tftpd, bootpd, '>bin>sh', '>home>mallory>tftpd.pm');
    const tcpd = fc.constantFrom(defaultTcpdPath, mallory, '%sys#d01>system>stcp>command_library>tcpd.pm');
    const service = fc.constantFrom('tftp', 'bootps', 'ntalk');
    const user = fc.constantFrom('root', 'nobody');
    const args = fc.constantFrom('', ' tftpd', ' bootpd', ' -c evil');
    const line = fc.oneof(
      fc.tuple(service, user, program, args).map(([s, u, p, a]) => `${s} dgram udp wait ${u} ${p}${a}`),
      fc.tuple(fc.constantFrom('', '#', '# '), service, user, tcpd, program, args).map(([c, s, u, t, p, a]) => `${c}${s} dgram udp wait ${u} ${t} ${p}${a}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => expectNothingNewRuns(`${lines.join('\n')}\n`)),
      { seed: 12, numRuns: 500 },
    );
  });
});
