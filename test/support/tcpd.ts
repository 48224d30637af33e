import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { accessRequest } from '../../src/cli/commands/tcpdmatch.ts';
import { languageOf } from '../../src/languages/registry.ts';
import type { HostsAccessFile } from '../../src/model/files.ts';
import { patternFiles } from '../../src/model/tcpd-module-policy.ts';
import { evaluate, type Policy } from '../../src/model/tcpd-policy.ts';
import { decodeSource } from '../../src/syntax/source.ts';

/** Debian's tcpdmatch, the reference: `tcpdmatch -d` reads hosts.allow and hosts.deny in the current directory. */
export const hasTcpdmatch = spawnSync('sh', ['-c', 'command -v tcpdmatch']).status === 0;

/** A policy as files: hosts.allow and hosts.deny (either may be missing) and pattern files by absolute path. */
export interface PolicyFiles {
  allow?: string;
  deny?: string;
  patternFiles?: Record<string, string>;
}

/**
 * Debian's verdicts for each (daemon, client) pair, one shell for all of them: granted, denied or delegated, or
 * crashed when tcpdmatch dies of a signal (a pattern file that names itself overflows its stack).
 */
export function tcpdmatchVerdicts(dir: string, pairs: ReadonlyArray<readonly [string, string]>): string[] {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const script = pairs
    .map(
      ([daemon, client]) =>
        `v=$(tcpdmatch -d ${quote(daemon)} ${quote(client)} 2>/dev/null); ` +
        `if [ $? -gt 128 ]; then echo crashed; else echo "$(printf '%s\\n' "$v" | sed -n 's/^access: *//p')"; fi`,
    )
    .join('\n');
  const result = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
  return result.stdout.split('\n').slice(0, pairs.length);
}

function hostsFile(name: string, text: string): HostsAccessFile {
  return languageOf('hosts-access').parseFile(decodeSource(name, Buffer.from(text, 'latin1')));
}

/** The files as vos-audit's model of tcpd reads them. */
export function policyOf(files: PolicyFiles): Policy {
  return {
    ...(files.allow !== undefined && { allow: hostsFile('hosts.allow', files.allow) }),
    ...(files.deny !== undefined && { deny: hostsFile('hosts.deny', files.deny) }),
    patternFile: patternFiles((path) => {
      const text = files.patternFiles?.[path];
      return text === undefined ? undefined : { text, bytes: Buffer.from(text) };
    }),
  };
}

/** vos-audit's verdicts for the same pairs, in tcpdmatch's words. */
export function vosAuditVerdicts(files: PolicyFiles, pairs: ReadonlyArray<readonly [string, string]>): string[] {
  const policy = policyOf(files);
  return pairs.map(([daemon, client]) => {
    const verdict = evaluate(policy, accessRequest(daemon, client));
    return verdict.loop !== undefined ? 'crashed' : verdict.twist !== undefined ? 'delegated' : verdict.access;
  });
}

export function writePolicy(dir: string, files: PolicyFiles): void {
  if (files.allow !== undefined) writeFileSync(join(dir, 'hosts.allow'), files.allow, 'latin1');
  if (files.deny !== undefined) writeFileSync(join(dir, 'hosts.deny'), files.deny, 'latin1');
  for (const [path, text] of Object.entries(files.patternFiles ?? {})) writeFileSync(path, text);
}

/**
 * Random policies from the grammar's pieces. The clients are numeric and outside the machine's own networks and
 * /etc/hosts, so that tcpdmatch's reverse lookups find no name, as vos-audit assumes; the options leave out `user`
 * and `group`, whose names tcpd looks up on the machine.
 */
export function policyArbitrary(patternFile: string): fc.Arbitrary<PolicyFiles> {
  const daemon = fc.constantFrom(
    'tftpd',
    'tftpd.pm',
    'TFTPD',
    'bootpd',
    'ALL',
    'KNOWN',
    'UNKNOWN',
    'tftp*',
    'tft?d',
    '.pm',
    'tftpd.',
    'tftp.',
    '69',
    'tftpd@ALL',
    'tftpd@198.51.100.1',
    'tftpd@198.51.100.0/24',
    'ALL@UNKNOWN',
    'in.ftpd',
    'EXCEPT',
  );
  const client = fc.constantFrom(
    '10.9.9.9',
    '10.9.9.8',
    'ALL',
    'LOCAL',
    'KNOWN',
    'UNKNOWN',
    'PARANOID',
    'unknown',
    '10.9.9.',
    '10.',
    '10.9.9.0/24',
    '10.9.9.0/255.255.255.0',
    '10.9.8.0/23',
    '10.9.9.9/32',
    '10.9.9.9/24',
    '10.0.0.0/8',
    '0.0.0.0/1',
    '10.9.9.0/33',
    '10.9.9/24',
    '010.9.9.9',
    '10.9.9.*',
    '*',
    '10.9.9.?',
    '.9',
    '.example.com',
    'nio.example.com',
    '@netgroup',
    '[2001:db8::]/32',
    '[2001:db8::5]',
    '[2001:DB8:0::5]',
    '[::1]',
    'root@ALL',
    'ALL@10.9.9.9',
    'KNOWN@ALL',
    'UNKNOWN@ALL',
    '203.0.113.0/255.255.255.0',
    '198.51.100.7',
    patternFile,
    'EXCEPT',
    'except',
  );
  const option = fc.constantFrom(
    'allow',
    'deny',
    'ALLOW',
    'severity auth.info',
    'severity=notice',
    'severity loud',
    'spawn /bin/true',
    'spawn echo a\\:b',
    'twist /bin/echo no',
    'nice 5',
    'nice x',
    'nice',
    'bogus',
    'keepalive',
    'keepalive 1',
    'rfc931 5',
    'rfc931 0',
    'setenv A b',
    'umask 022',
    'umask 999',
    'linger 5',
    'banners /tmp',
    'aclexec /bin/false',
    '',
  );
  const separator = fc.constantFrom(' ', ', ', ',', '\t', '  ', ' \\\n ');
  const list = (item: fc.Arbitrary<string>) =>
    fc.tuple(fc.array(item, { minLength: 1, maxLength: 4 }), separator).map(([items, sep]) => items.join(sep));
  const rule = fc
    .tuple(list(daemon), list(client), fc.array(option, { maxLength: 3 }), fc.constantFrom(':', ' : ', ': '))
    .map(([daemons, clients, options, colon]) => [daemons, clients, ...options].join(colon));
  const line = fc.oneof(
    { weight: 8, arbitrary: rule },
    fc.constantFrom('# a comment', '', '  # tftpd: 10.9.9.9', 'tftpd 10.9.9.9', '#tftpd: ALL \\', '  '),
  );
  const eol = fc.constantFrom('\n', '\n', '\n', '\r\n');
  const file = fc.tuple(fc.array(fc.tuple(line, eol), { maxLength: 6 }), fc.boolean()).map(([lines, finalNewline]) => {
    const text = lines.map(([l, e]) => l + e).join('');
    return finalNewline ? text : text.replace(/\r?\n$/, '');
  });
  // A pattern file is read word by word (fscanf's %s): no comments, any blanks between; it may name itself.
  const patterns = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          '10.9.9.9',
          '10.9.9.8',
          '10.9.9.0/24',
          '#',
          'note',
          'ALL',
          'KNOWN',
          'UNKNOWN',
          'LOCAL',
          '10.9.9.',
          '10.9.',
          '.9',
          '.8',
          '10.9.9.*',
          '10.9.?.9',
          '198.51.100.7',
          '@netgroup',
          '[2001:db8::5]',
          '[2001:db8::]/32',
          'EXCEPT',
          patternFile,
        ),
        fc.constantFrom(' ', '\n', '\t', '  \n'),
      ),
      { maxLength: 6 },
    )
    .map((words) => words.flat().join(''));
  return fc.record({
    allow: fc.option(file, { nil: undefined }),
    deny: fc.option(file, { nil: undefined }),
    patternFiles: patterns.map((text) => ({ [patternFile]: text })),
  });
}

/** The requests every policy is asked about: the daemon forms a VOS entry may have, and numeric clients. */
export const requestPairs: ReadonlyArray<readonly [string, string]> = [
  ['tftpd', '10.9.9.9'],
  ['tftpd.pm', '10.9.9.9'],
  ['tftpd', '10.9.9.8'],
  ['bootpd', '10.9.8.1'],
  ['tftpd', '198.51.100.7'],
  ['tftpd@198.51.100.1', '2001:db8::5'],
  ['tftpd', 'root@10.9.9.9'],
  ['in.ftpd', '203.0.113.9'],
];
