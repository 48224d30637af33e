/** A VOS release such as `15.1.0ar`: numbers compare numerically, the letter suffix alphabetically. */
export interface Release {
  text: string;
  parts: [number, number, number];
  suffix: string;
}

/** Release lines the catalog knows, oldest first; the last is the default `--release`. */
export const knownReleases = [
  '13.0', '14.0', '14.1', '14.2', '14.3', '14.4', '14.5', '14.6', '14.7',
  '15.0', '15.1', '15.2', '16.0', '16.1', '16.2', '17.0', '17.1', '17.2', '18.0', '18.1', '19.0', '19.1', '19.2', '19.3',
] as const;

const releasePattern = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2})([a-z]{0,2}))?$/;

export function parseRelease(text: string): Release | undefined {
  const match = releasePattern.exec(text.trim());
  if (match === null) return undefined;
  return {
    text: text.trim(),
    parts: [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)],
    suffix: match[4] ?? '',
  };
}

export function compareReleases(a: Release, b: Release): number {
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i]! - b.parts[i]!;
  return a.suffix.length - b.suffix.length || (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0);
}

function release(text: string): Release {
  const parsed = parseRelease(text);
  if (parsed === undefined) throw new Error(`catalog release '${text}' is malformed`);
  return parsed;
}

export const newestRelease: Release = release(knownReleases[knownReleases.length - 1]);

/** `[from, until]`, both inclusive; an open end is undefined. A list of ranges covers their union. */
export type ReleaseRange = { from?: string; until?: string };

export function releaseIn(r: Release, ranges: readonly ReleaseRange[]): boolean {
  return ranges.some(
    (range) =>
      (range.from === undefined || compareReleases(r, release(range.from)) >= 0) &&
      (range.until === undefined || compareReleases(r, release(range.until)) <= 0 || sameLine(r, range.until)),
  );
}

/** `until: '15.0'` includes every 15.0.x release. */
function sameLine(r: Release, line: string): boolean {
  const limit = release(line);
  return line.split('.').length === 2 && r.parts[0] === limit.parts[0] && r.parts[1] === limit.parts[1];
}

export function describeRanges(ranges: readonly ReleaseRange[]): string {
  return ranges
    .map((range) =>
      range.from && range.until ? (range.from === range.until ? range.from : `${range.from}–${range.until}`) : range.from ? `${range.from}+` : range.until ? `until ${range.until}` : 'all',
    )
    .join(' and ');
}
