/*
 * Stands in for what the model does not give yet: the concrete ends of the kernel's ranges. When the model gives a
 * kernel listener its last port (from maxOpenServer), the adapter reads that instead and this file goes.
 */
import type { PortRange } from '../rule.ts';

/** OSL is 3000 to 3000 + 2 × max_open_server, OSN 4000 to 4000 + max_open_server (the article's table 2). */
export function kernelRange(service: 'OSL' | 'OSN', maxOpenServer: number | undefined): PortRange | undefined {
  if (maxOpenServer === undefined) return undefined;
  return service === 'OSL' ? [3000, 3000 + 2 * maxOpenServer] : [4000, 4000 + maxOpenServer];
}
