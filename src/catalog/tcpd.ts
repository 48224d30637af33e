import { programName } from './program-name.ts';

/**
 * The daemon names tcpd may match a VOS entry by ([D]). tcpd matches the base name of the program it runs; on VOS
 * that program is a `>`-path such as `>system>stcp>command_library>tftpd.pm`, and whether VOS's tcpd sees
 * `tftpd.pm` or `tftpd` is not public. vos-audit takes both: a policy must name the daemon in either form, and is
 * judged by the form that admits more.
 */
export function tcpdDaemonNames(program: string): string[] {
  const bare = programName(program);
  return [bare, `${bare}.pm`];
}
