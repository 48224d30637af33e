import { serverPorts } from '../catalog/server-ports.ts';
import type { Listener } from './listener.ts';

/** The kernel's own ranges (OSL, OSN), which no file of the module starts. */
export const kernelRows: Listener[] = serverPorts
  .filter((entry) => entry.daemon === 'kernel')
  .map((entry) => ({
    port: entry.port,
    rangeEnd: entry.rangeEnd,
    protocol: 'tcp' as const,
    daemon: `kernel (${entry.service})`,
    startedBy: 'kernel',
    state: entry.service === 'OSN' ? ('conditional' as const) : ('live' as const),
    ...(entry.service === 'OSN' && { condition: 'the module is its system’s bridge module' }),
    evidence: [],
  }));
