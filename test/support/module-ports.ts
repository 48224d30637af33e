import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.ts';
import { temporaryDirectory } from './temporary.ts';

export interface PortsRow {
  daemon: string;
  port: number;
  protocol: string;
  service?: string;
  startedBy: string;
  state: string;
  note?: string;
}

/**
 * `vos-audit ports --format json --release 17.1` on a module `m` of these files: its rows, not the kernel's, and the
 * reasons of what it could not decide.
 */
export async function modulePorts(files: Record<string, string>) {
  const dir = temporaryDirectory('vos-audit-module-ports-');
  mkdirSync(join(dir, 'm'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'm', name), text);
  const result = await runCli(['ports', '--format', 'json', '--release', '17.1', 'm'], dir);
  expect(result.status).toBe(0);
  const [module] = JSON.parse(result.stdout).modules as Array<{
    listeners: PortsRow[];
    unresolved: Array<{ reason: string }>;
  }>;
  return {
    listeners: module!.listeners.filter((row) => row.startedBy !== 'kernel'),
    unresolved: module!.unresolved.map((u) => u.reason),
  };
}
