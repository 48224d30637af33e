import { Option } from 'commander';
import { defaultWidth, type TableLayout } from '../report/table.ts';

/** Fewer columns than this and no table reads well: a narrower terminal gets lines this long. */
const narrowest = 40;

interface Streams {
  env: Readonly<Record<string, string | undefined>>;
  stdout: { isTTY?: boolean; columns?: number };
}

/** The width text output should fit: `COLUMNS` when set to a number, else the terminal's, else the default. */
export function terminalWidth(streams: Streams): number {
  const stated = /^[0-9]+$/.test(streams.env.COLUMNS ?? '') ? Number(streams.env.COLUMNS) : 0;
  const terminal = streams.stdout.isTTY === true ? (streams.stdout.columns ?? 0) : 0;
  const width = stated || terminal || defaultWidth;
  return Math.max(width, narrowest);
}

/** `--wide`: one row per line however long, for `grep` or a wide screen, rather than fitted to the terminal. */
export function wideOption(what = 'one row per line'): Option {
  return new Option('--wide', `text: ${what}, however wide (default: fit the terminal, long columns on lines beneath)`);
}

/** How text output is laid out: wide when asked, else fitted to the terminal's width. */
export function layoutFor(wide: boolean | undefined, streams: Streams): TableLayout {
  return wide ? { wide: true } : { wide: false, width: terminalWidth(streams) };
}
