/**
 * What the catalog knows of the services inetd itself serves on VOS.
 */

export interface TinyService {
  name: string;
  port: number;
  /** Usable in a denial-of-service attack (reflection or amplification). */
  dosVector: boolean;
  /** The program the pre-POSIX inetd (before 14.5) ran for TCP; undefined where inetd always served it internally. */
  streamProgram?: string;
}

export const tinyServices: readonly TinyService[] = [
  { name: 'echo', port: 7, dosVector: true, streamProgram: 'echo_stream.pm' },
  { name: 'discard', port: 9, dosVector: false, streamProgram: 'discard_stream.pm' },
  { name: 'daytime', port: 13, dosVector: true },
  { name: 'chargen', port: 19, dosVector: true, streamProgram: 'chargen_stream.pm' },
  { name: 'time', port: 37, dosVector: false },
];

/** The first release whose inetd is the POSIX one, serving every tiny service internally. */
export const posixInetdRelease = '14.5';

/** Where tcpd lives on VOS when the file does not already name it ([D]: the article gives no path). */
export const defaultTcpdPath = '>system>stcp>command_library>tcpd.pm';

export const bootpPort = 67;
export const tftpPort = 69;

/** bootp and tftp: the two services VOS ships with a direct line and a line through tcpd. */
export function isBootpOrTftpPort(transport: string | undefined, port: number | undefined): boolean {
  return transport === 'udp' && (port === bootpPort || port === tftpPort);
}
export const swatPort = 901;
export const timePort = 37;
