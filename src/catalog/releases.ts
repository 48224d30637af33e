/**
 * A VOS release as stated: a release line (`15.1`), a release (`15.1.0`) or a build of it (`15.1.0ar`). A release
 * stated without its build stands for every build of it, so it can fall on both sides of a boundary such as
 * 15.1.0ar: then whether it has a port is not known.
 */
export interface Release {
  /** As it is shown: the suffix in lower case. */
  text: string;
  parts: [number, number, number];
  suffix: string;
  /** How much was stated: the line only, the release, or the build too. */
  precision: 'line' | 'release' | 'build';
}

/** Release lines the catalog knows, oldest first. */
export const knownReleases = [
  '13.0',
  '14.0',
  '14.1',
  '14.2',
  '14.3',
  '14.4',
  '14.5',
  '14.6',
  '14.7',
  '15.0',
  '15.1',
  '15.2',
  '16.0',
  '16.1',
  '16.2',
  '17.0',
  '17.1',
  '17.2',
  '18.0',
  '18.1',
  '19.0',
  '19.1',
  '19.2',
  '19.3',
] as const;

const releasePattern = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2})([a-z]{0,2}))?$/i;

/** Any release-shaped text, known to the catalog or not; the catalog's own ranges are written this way. */
function parseReleaseText(text: string): Release | undefined {
  const match = releasePattern.exec(text.trim());
  if (match === null) return undefined;
  const suffix = (match[4] ?? '').toLowerCase();
  const parts: Release['parts'] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  const precision = match[3] === undefined ? 'line' : suffix === '' ? 'release' : 'build';
  const shown = `${parts[0]}.${parts[1]}${match[3] === undefined ? '' : `.${parts[2]}${suffix}`}`;
  return { text: shown, parts, suffix, precision };
}

/** The form `--release` and `.vos-audit.json` accept, with the lines the catalog knows. */
export const acceptedReleaseForms =
  `X.Y, X.Y.Z or X.Y.Z with a build suffix in any case (15.1, 15.1.0, 15.1.0ar), ` +
  `where X.Y is a release line the catalog knows: ${lineRanges()}`;

function lineRanges(): string {
  const byMajor = new Map<string, string[]>();
  for (const line of knownReleases) {
    const major = line.split('.')[0]!;
    byMajor.set(major, [...(byMajor.get(major) ?? []), line]);
  }
  return [...byMajor.values()]
    .map((lines) => (lines.length === 1 ? lines[0] : `${lines[0]}–${lines.at(-1)}`))
    .join(', ');
}

/** A release the user states: release-shaped, on a release line the catalog knows; undefined otherwise. */
export function parseRelease(text: string): Release | undefined {
  const release = parseReleaseText(text);
  if (release === undefined) return undefined;
  const line = `${release.parts[0]}.${release.parts[1]}`;
  return (knownReleases as readonly string[]).includes(line) ? release : undefined;
}

/** Build suffixes order by length, then alphabetically (`a` < `z` < `aa` < `zz`), as VOS builds are numbered. */
function suffixRank(suffix: string): number {
  if (suffix.length === 0) return 0;
  const letter = (i: number) => suffix.charCodeAt(i) - 96;
  return suffix.length === 1 ? letter(0) : 26 + letter(0) * 26 + letter(1);
}

type Key = [number, number, number, number];

/** The first and last builds a stated release stands for. */
function low(r: Release): Key {
  return [r.parts[0], r.parts[1], r.precision === 'line' ? 0 : r.parts[2], suffixRank(r.suffix)];
}

function high(r: Release): Key {
  return [
    r.parts[0],
    r.parts[1],
    r.precision === 'line' ? Infinity : r.parts[2],
    r.precision === 'build' ? suffixRank(r.suffix) : Infinity,
  ];
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

function catalogRelease(text: string): Release {
  const parsed = parseReleaseText(text);
  if (parsed === undefined) throw new Error(`catalog release '${text}' is malformed`);
  return parsed;
}

/**
 * Releases from `from` (inclusive), until `until` (inclusive: `until: '14.7'` takes every 14.7 build) or before
 * `before` (exclusive: `before: '14.5.0at'`); an open end is undefined. A list of ranges covers their union.
 */
export type ReleaseRange = { from?: string; until?: string; before?: string };

/** Whether a stated release has something: every build it stands for does, none does, or it depends on the build. */
export type Membership = 'in' | 'out' | 'unknown';

function rangeMembership(r: Release, range: ReleaseRange): Membership {
  const bounds: Membership[] = [];
  if (range.from !== undefined) {
    const from = low(catalogRelease(range.from));
    bounds.push(compareKeys(low(r), from) >= 0 ? 'in' : compareKeys(high(r), from) < 0 ? 'out' : 'unknown');
  }
  if (range.until !== undefined) {
    const until = high(catalogRelease(range.until));
    bounds.push(compareKeys(high(r), until) <= 0 ? 'in' : compareKeys(low(r), until) > 0 ? 'out' : 'unknown');
  }
  if (range.before !== undefined) {
    const before = low(catalogRelease(range.before));
    bounds.push(compareKeys(high(r), before) < 0 ? 'in' : compareKeys(low(r), before) >= 0 ? 'out' : 'unknown');
  }
  return bounds.includes('out') ? 'out' : bounds.includes('unknown') ? 'unknown' : 'in';
}

export function releaseMembership(r: Release, ranges: readonly ReleaseRange[]): Membership {
  const each = ranges.map((range) => rangeMembership(r, range));
  return each.includes('in') ? 'in' : each.includes('unknown') ? 'unknown' : 'out';
}

/** The ranges cover every release. */
export function allReleases(ranges: readonly ReleaseRange[]): boolean {
  return ranges.some((range) => range.from === undefined && range.until === undefined && range.before === undefined);
}
