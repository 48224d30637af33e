import { defaultWidth } from '../report/table.ts';

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
