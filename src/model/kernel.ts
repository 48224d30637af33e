import { serverPorts, type ServerPort } from '../catalog/server-ports.ts';
import type { Listener } from './listener.ts';
import type { Settings } from './settings.ts';

/**
 * OSL listens from 3000 to 3000 + 2 × max_open_server of new_modules.tin; OSN from 4000 to 4000 + max_open_server of
 * new_backbone_systems.tin: two settings of two files.
 */
const ranges: Record<string, { width: number; setting: 'maxOpenServer' | 'backboneMaxOpenServer' }> = {
  OSL: { width: 2, setting: 'maxOpenServer' },
  OSN: { width: 1, setting: 'backboneMaxOpenServer' },
};

function bridgeState(bridge: boolean | undefined): Pick<Listener, 'state' | 'condition' | 'note'> {
  if (bridge === undefined) return { state: 'conditional', condition: 'the module is its system’s bridge module' };
  return bridge
    ? { state: 'live', note: 'a bridge module (stated)' }
    : { state: 'off', note: 'not a bridge module (stated): OSN listens only on bridge modules' };
}

function kernelRow(entry: ServerPort, settings: Settings): Listener {
  const { width, setting } = ranges[entry.service]!;
  const maxOpenServer = settings[setting];
  return {
    port: entry.port,
    ...(maxOpenServer === undefined ? { rangeEnd: entry.rangeEnd } : { lastPort: entry.port + width * maxOpenServer }),
    protocol: 'tcp',
    service: entry.service,
    daemon: `kernel (${entry.service})`,
    startedBy: 'kernel',
    ...(entry.service === 'OSN' ? bridgeState(settings.bridge) : { state: 'live' as const }),
    evidence: [],
    portSource: { from: 'catalog' },
    product: entry.product,
    ...(entry.advice && { advice: entry.advice }),
  };
}

/** The kernel's own ranges (OSL, OSN), which no file of the module starts: concrete when max_open_server is stated. */
export function kernelRows(settings: Settings): Listener[] {
  return serverPorts.filter((entry) => entry.daemon === 'kernel').map((entry) => kernelRow(entry, settings));
}
