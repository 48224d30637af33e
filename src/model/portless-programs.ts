import { trafficOf } from '../catalog/client-ports.ts';
import { daemonPorts } from '../catalog/daemons.ts';
import { vosProgram } from '../catalog/vos-programs.ts';
import type { Settings } from './settings.ts';

/**
 * Whether a program's starts make no row at all, so that whether they run decides nothing about ports: one a site
 * declares with an empty list under "daemons", or one VOS ships that listens on nothing of its own and is no client
 * of the article's. The order is addStart's: the catalog's ports first, then the site's declaration.
 */
export function listensOnNothing(daemon: string, settings: Settings): boolean {
  if (daemonPorts(daemon).length > 0) return false;
  const declared = settings.daemons?.ports.get(daemon);
  if (declared !== undefined) return declared.length === 0;
  return trafficOf(daemon) === undefined && vosProgram(daemon)?.listens.length === 0;
}
