/*
 * Stands in for what the model does not give yet: the ephemeral ports of a release (the article's table 3). When the
 * catalog has them per release line, the adapter reads them from there and this file goes.
 */
import { compareReleases, parseRelease, type Release } from '../../catalog/releases.ts';
import type { Transport } from '../../catalog/server-ports.ts';
import type { PortRange } from '../rule.ts';

const oldRange: Record<Transport, PortRange> = { tcp: [10000, 65535], udp: [1024, 65535] };
const newRange: PortRange = [49152, 65535];

/** The first build of each release line that has the new range; lines before the first have the old one. */
const boundaries: Record<Transport, string[]> = { tcp: ['14.5.0at', '14.6.0aj', '14.7'], udp: ['15.1.0ar'] };

export interface Ephemeral {
  ports: PortRange;
  /** Set when the release does not say which range: the wider, old range is used, and this says what would narrow it. */
  undecided?: string;
}

function sameLine(a: Release, b: Release): boolean {
  return a.parts[0] === b.parts[0] && a.parts[1] === b.parts[1];
}

/** The ports a release picks its clients' source ports from; without a release, the old (wider) range. */
export function ephemeralPorts(release: Release | undefined, transport: Transport): Ephemeral {
  const wider = { ports: oldRange[transport] };
  if (release === undefined) return { ...wider, undecided: `the release is not given: set --release for the ${transport} ephemeral range of table 3` };
  const firsts = boundaries[transport].map((text) => parseRelease(text)!);
  const line = firsts.find((first) => sameLine(first, release));
  if (line === undefined) return compareReleases(release, firsts[0]!) < 0 ? wider : { ports: newRange };
  if (line.suffix !== '' && release.text.split('.').length === 2) {
    return { ...wider, undecided: `release ${release.text} does not say whether the build is ${line.text} or later, which narrowed the ${transport} ephemeral range: give the build, such as --release ${line.text}` };
  }
  return compareReleases(release, line) < 0 ? wider : { ports: newRange };
}
