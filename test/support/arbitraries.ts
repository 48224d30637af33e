import fc from 'fast-check';

/** A fixed seed keeps CI repeatable; `npm run robustness` (bench/robustness.ts) runs the long campaign with fresh seeds. */
export const seed = 20261124;

const pieces = [
  'echo', 'discard', 'chargen', 'daytime', 'time', 'tftp', 'bootps', 'swat', 'ftp', '7', 'stream', 'dgram', 'tcp',
  'udp', 'tcp6', 'rpc/udp', 'tcp,rcvbuf=1k', 'nowait', 'wait', 'nowait.400', 'wait:10', 'root', 'root:sys', 'internal',
  '>system>stcp>command_library>tftpd.pm', '>system>stcp>command_library>tcpd.pm', 'echo_stream.pm', 'tftpd', '127.0.0.1:',
  '[::1]:echo', '#', '# ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\f', '\u0000', 'é', '𝄞', '\u00a0',
];
/** Lines made of the language's own pieces: mostly near-entries, which is where parsers and fixes go wrong. */
export const inetdText = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((parts) => parts.join(''));
const entryLine = fc
  .tuple(
    fc.constantFrom('', '#', '# ', '  '),
    fc.constantFrom('echo', 'chargen', 'time', 'tftp', 'bootps', 'swat', 'discard', 'daytime', 'tfpt', '*:echo'),
    fc.constantFrom('stream', 'dgram'),
    fc.constantFrom('tcp', 'udp', 'tcp6'),
    fc.constantFrom('wait', 'nowait'),
    fc.constantFrom('internal', '>system>stcp>command_library>tftpd.pm tftpd', '>system>stcp>command_library>tcpd.pm tftpd', '>system>stcp>command_library>bootpd.pm'),
    fc.constantFrom('\n', '\r\n', ''),
  )
  .map(([mark, service, socket, protocol, wait, server, eol]) => `${mark}${service} ${socket} ${protocol} ${wait} root ${server}${eol || '\n'}`);
export const inetdFile = fc.array(fc.oneof(entryLine, inetdText), { maxLength: 30 }).map((lines) => lines.join(''));

const macroPieces = [
  '&if', '&then', '&else', '&do', '&end', '&return', '&goto x', '&label x', '&set_string v ', '&begin_parameters', '&end_parameters',
  'start_process', "'sshd.pm -x'", '&v&', '&$v&', '(master_disk)', '>system>stcp>start_stcp.cm', '!', '(', ')', "'", "''", ';', '&+',
  '& ', '&', ' ', '\t', '\n', '\r\n', '\r', 'telnet_msd', '-network_port 24', 'x', '^=', '|', 'é', '\u0000',
];
export const macroText = fc.array(fc.constantFrom(...macroPieces), { maxLength: 120 }).map((parts) => parts.join(''));
const tablePieces = ['Service', 'Port', 'Device', 'telnet', '23', '85', 'rsn', '--', '==', '#', '&', ' ', '\t', '\n', '\r\n', '7/tcp', 'x/udp', 'é'];
export const tableText = fc.array(fc.constantFrom(...tablePieces), { maxLength: 80 }).map((parts) => parts.join(''));
