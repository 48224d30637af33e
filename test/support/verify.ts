import { analyzeModule } from '../../src/engine/audit.ts';
import type { ModuleModel } from '../../src/model/listener.ts';
import { parseRelease } from '../../src/catalog/releases.ts';
import { defaultSettings, type Settings } from '../../src/model/settings.ts';
import { sourceOf } from './sources.ts';

export const nmapFixture = (name: string) => new URL(`../fixtures/nmap/${name}`, import.meta.url).pathname;

/** A module that starts STCP (ftpd 21, telnetd 23 and 85, snmpd 161/udp, inetd), sshd if S270 is purchased, and inetd's echo. */
export const moduleFiles = {
  'module_start_up.cm':
    "(master_disk)>system>stcp>start_stcp.cm\n&if (software_purchased S270)\n&then start_process '>system>openssl>sbin>sshd.pm' -privileged\n",
  'inetd.conf':
    'echo stream tcp nowait root internal\necho dgram udp wait root internal\n#time dgram udp wait root internal\n',
};

/** The model of a module of `moduleFiles` on VOS 17.1 (a stated release, so only its own conditions stay open). */
export function modelOf(name: string, settings: Partial<Settings> = {}): ModuleModel {
  const files = [
    { source: sourceOf(moduleFiles['module_start_up.cm'], `${name}/module_start_up.cm`), kind: 'macro' as const },
    { source: sourceOf(moduleFiles['inetd.conf'], `${name}/inetd.conf`), kind: 'inetd' as const },
  ];
  return analyzeModule({ name, files, settings: { ...defaultSettings, release: parseRelease('17.1')!, ...settings } })
    .model;
}
