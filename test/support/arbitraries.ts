import fc from 'fast-check';
import { languageOf, type FileKind } from '../../src/languages/registry.ts';

/** A fixed seed keeps CI repeatable; `npm run robustness` (bench/robustness.ts) runs the long campaign with fresh seeds. */
export const seed = 20261124;

/** Text made of a language's own pieces (its descriptor's `fuzzPieces`): mostly near-entries. */
export function textOf(kind: FileKind, maxPieces = 100): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...languageOf(kind).fuzzPieces), { maxLength: maxPieces })
    .map((parts) => parts.join(''));
}

const entryLine = fc
  .tuple(
    fc.constantFrom('', '#', '# ', '  '),
    fc.constantFrom('echo', 'chargen', 'time', 'tftp', 'bootps', 'swat', 'discard', 'daytime', 'tfpt', '*:echo'),
    fc.constantFrom('stream', 'dgram'),
    fc.constantFrom('tcp', 'udp', 'tcp6'),
    fc.constantFrom('wait', 'nowait'),
    fc.constantFrom(
      'internal',
      '>system>stcp>command_library>tftpd.pm tftpd',
      '>system>stcp>command_library>tcpd.pm tftpd',
      '>system>stcp>command_library>bootpd.pm',
    ),
    fc.constantFrom('\n', '\r\n', ''),
  )
  .map(
    ([mark, service, socket, protocol, wait, server, eol]) =>
      `${mark}${service} ${socket} ${protocol} ${wait} root ${server}${eol || '\n'}`,
  );
export const inetdFile = fc
  .array(fc.oneof(entryLine, textOf('inetd', 80)), { maxLength: 30 })
  .map((lines) => lines.join(''));
