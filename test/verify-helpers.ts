import { main } from '../src/cli/program.ts';
import { analyzeModule } from '../src/engine/audit.ts';
import type { ModuleModel } from '../src/model/listener.ts';
import { defaultSettings, type Settings } from '../src/model/settings.ts';
import { sourceOf } from './helpers.ts';

export const nmapFixture = (name: string) => new URL(`fixtures/nmap/${name}`, import.meta.url).pathname;

/** A module that starts STCP (ftpd 21, telnetd 23 and 85, snmpd 161/udp, inetd), sshd if S270 is purchased, and inetd's echo. */
export const moduleFiles = {
  'module_start_up.cm': "(master_disk)>system>stcp>start_stcp.cm\n&if (software_purchased S270)\n&then start_process '>system>openssl>sbin>sshd.pm' -privileged\n",
  'inetd.conf': 'echo stream tcp nowait root internal\necho dgram udp wait root internal\n#time dgram udp wait root internal\n',
};

export function modelOf(name: string, settings: Partial<Settings> = {}): ModuleModel {
  const files = [
    { source: sourceOf(moduleFiles['module_start_up.cm'], `${name}/module_start_up.cm`), kind: 'macro' as const },
    { source: sourceOf(moduleFiles['inetd.conf'], `${name}/inetd.conf`), kind: 'inetd' as const },
  ];
  return analyzeModule({ name, files, settings: { ...defaultSettings, ...settings } }).model;
}

/** Runs the command line in-process, in `cwd`; NO_COLOR, no standard input. */
export async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'vos-audit', ...args], {
      stdout: { write: (chunk) => (stdout += chunk.toString()) },
      stderr: { write: (chunk) => (stderr += chunk) },
      env: { NO_COLOR: '1' },
      readStandardInput: () => Buffer.alloc(0),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
