import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTcpdPath } from '../../src/catalog/inetd-services.ts';
import { auditModule } from '../../src/engine/audit.ts';
import { applyFixes } from '../../src/fix/edit.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { inetdServices } from '../../src/model/inetd.ts';
import { exampleInput } from '../../src/rules/support/examples.ts';
import { rules } from '../../src/rules/registry.ts';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import { allInetdSources, sourceOf, sourcesOfKind } from '../support/sources.ts';
import { auditSource, exampleSettings } from '../support/audit.ts';
import { conditionsOfStatements } from '../support/macro-flow.ts';

/** Every program the file's active lines make inetd run: the server, and behind tcpd the daemon it runs. */
function programsRun(text: string): Set<string> {
  const programs = new Set<string>();
  for (const service of inetdServices(parseInetd(text))) {
    if (service.entry.disabled) continue;
    programs.add(service.entry.server.value);
    if (service.tcpd !== undefined && service.entry.arguments[0] !== undefined)
      programs.add(service.entry.arguments[0].value);
  }
  return programs;
}

function fixed(text: string): string {
  return auditSource(sourceOf(text), { fix: true }).output;
}

/** A fix never makes the module run a program that no active line and no catalog entry runs. */
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
    expect(fixed(text)).toBe(
      `#ntalk dgram udp wait root ${mallory} ntalkd\ntftp dgram udp wait root ${defaultTcpdPath} ${tftpd}\n`,
    );
  });

  it('does not re-enable a commented tcpd line that runs another program (was: >bin>sh -c evil enabled by --fix)', () => {
    const text = `tftp dgram udp wait root ${tftpd} tftpd\n#tftp dgram udp wait root ${mallory} >bin>sh -c evil\n`;
    expect(fixed(text)).toBe(
      `tftp dgram udp wait root ${defaultTcpdPath} ${tftpd}\n#tftp dgram udp wait root ${mallory} >bin>sh -c evil\n`,
    );
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
      fc
        .tuple(fc.constantFrom('', '#', '# '), service, user, tcpd, program, args)
        .map(([c, s, u, t, p, a]) => `${c}${s} dgram udp wait ${u} ${t} ${p}${a}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => expectNothingNewRuns(`${lines.join('\n')}\n`)),
      { seed: 12, numRuns: 500 },
    );
  });
});

/** A module's files by name, and the options to audit it with. */
interface MacroCase {
  files: Record<string, string>;
  options?: Parameters<typeof exampleSettings>[0];
}

const branchBodies: Array<[string, string]> = [
  [
    '&then on its own line',
    '&if (exists -file x)\n&then start_process telnet_msd.pm -privileged\n&else display_line no\n',
  ],
  [
    '&else on its own line',
    '&if (exists -file x)\n&then display_line yes\n&else start_process telnet_msd.pm -privileged\ndisplay_line after\n',
  ],
  [
    '&if and &then on one line',
    '&if (exists -file x) &then start_process telnet_msd.pm -privileged\ndisplay_line after\n',
  ],
  ['a bare &then', '&if (exists -file x)\n&then\n   start_process telnet_msd.pm\ndisplay_line after\n'],
  [
    'a bare &else',
    '&if (exists -file x) &then display_line yes\n&else\nstart_process telnet_msd.pm\ndisplay_line after\n',
  ],
  [
    'a continued body, CRLF',
    '  &if (exists -file x)\r\n  &then start_process telnet_msd.pm &+\r\n     -privileged\r\n  &else display_line no\r\n',
  ],
  [
    'an &else &if chain',
    '&if &a& = 1 &then display_line one\n&else &if &a& = 2\n&then start_process telnet_msd.pm\n&else display_line other\n',
  ],
];

/** The samples' modules and macro fixtures, every rule example that has a macro, and the branch bodies above. */
function macroCases(): Array<[string, MacroCase]> {
  const files = sourcesOfKind('macro').map(([name, source]): [string, MacroCase] => [
    name,
    { files: { [source.path]: source.text } },
  ]);
  const examples = rules.flatMap((rule) =>
    rule.examples
      .map((example): [string, MacroCase] => [
        `${rule.id}: ${example.title}`,
        { files: exampleInput(rule, example), options: example },
      ])
      .filter(([, example]) => Object.keys(example.files).some((name) => kindByName(name) === 'macro')),
  );
  const bodies = branchBodies.map(([name, text]): [string, MacroCase] => [
    name,
    { files: { 'module_start_up.cm': text } },
  ]);
  return [...files, ...examples, ...bodies];
}

describe('every suggestion leaves the macro without new syntax errors', () => {
  it.each(macroCases())('%s', (_name, { files, options = {} }) => {
    const sources = Object.entries(files).map(([name, text]) => ({
      source: sourceOf(text, name),
      kind: kindByName(name) ?? ('macro' as const),
    }));
    const result = auditModule({ name: 'm', files: sources, settings: exampleSettings(options) }, { fix: false });
    for (const message of result.files.flatMap((file) => file.messages)) {
      for (const suggestion of message.suggestions ?? []) {
        const before = files[message.file]!;
        const after = applyFixes(before, [suggestion]).text;
        expect(parseMacro(after).errors.length, after).toBeLessThanOrEqual(parseMacro(before).errors.length);
        expect(after.length).toBeGreaterThan(before.length);
      }
    }
  });

  it.each(branchBodies)(
    '%s: the body is commented out in a &do block, and the rest keeps its condition',
    (_name, text) => {
      const request = { fix: true, suggestions: true };
      const fixed = auditSource(sourceOf(text, 'module_start_up.cm'), request, 'macro');
      expect(fixed.applied).toHaveLength(1);
      expect(fixed.output).toMatch(/&do(\r\n|\n)[ \t]*&[ \t]+start_process telnet_msd\.pm/);
      expect(parseMacro(fixed.output).errors).toEqual([]);
      const conditions = (source: string) =>
        conditionsOfStatements(source, (statement) => statement.words[0]?.text === 'display_line');
      expect(conditions(fixed.output)).toEqual(conditions(text));
    },
  );
});
