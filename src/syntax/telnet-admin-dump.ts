import { at, dumpLines, show } from './dump.ts';
import type { TelnetAdminRoot } from './telnet-admin.ts';

export function dumpTelnetAdmin(tree: TelnetAdminRoot): string {
  const rows = tree.children.map(
    (row) =>
      `${at(row.position)} listener service=${show(row.service)} port=${show(row.port)} ${Object.entries(row.cells)
        .map(([k, v]) => `${k}=${show(v)}`)
        .join(' ')}`,
  );
  return dumpLines([`columns=[${tree.columns.join(' ')}]`, ...rows], tree.errors);
}
