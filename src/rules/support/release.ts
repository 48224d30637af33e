import { catalogEntry, membershipOf } from '../../model/port-catalog.ts';
import type { Settings } from '../../model/settings.ts';

/**
 * Whether a rule about a daemon's port applies to the module's release: `in` (say the release), `out` (the daemon
 * does not exist there), or `unknown` without a release (say which releases the advice is for).
 */
export function daemonRelease(
  daemon: string,
  port: number,
  settings: Settings,
): { membership: 'in' | 'out' | 'unknown'; releases: string } {
  const entry = catalogEntry({ daemon }, port);
  if (entry === undefined) return { membership: 'in', releases: 'all' };
  return { membership: membershipOf(entry, settings.release).membership, releases: entry.releasesText };
}
