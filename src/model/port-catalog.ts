import {
  allReleases,
  releaseMembership,
  type Membership,
  type Release,
  type ReleaseRange,
} from '../catalog/releases.ts';
import { serverPorts, type ReleaseDoubt, type ServerPort } from '../catalog/server-ports.ts';

/**
 * The first catalog entry for each name (a daemon, or what starts it) and port: the catalog is read once per
 * listener, so it is looked up, not searched.
 */
class PortIndex {
  private readonly byName = new Map<string, Map<number, ServerPort>>();

  constructor(name: (entry: ServerPort) => string) {
    for (const entry of serverPorts) {
      let ports = this.byName.get(name(entry));
      if (ports === undefined) this.byName.set(name(entry), (ports = new Map<number, ServerPort>()));
      if (!ports.has(entry.port)) ports.set(entry.port, entry);
    }
  }

  get(name: string, port: number): ServerPort | undefined {
    return this.byName.get(name)?.get(port);
  }
}

const portsByDaemon = new PortIndex((entry) => entry.daemon);
const portsByStarter = new PortIndex((entry) => entry.startedBy);

/** The catalog's entry for a port, found by the daemon on it or, for inetd's many services, by what starts it. */
export function catalogEntry(by: { daemon: string } | { startedBy: string }, port: number): ServerPort | undefined {
  return 'daemon' in by ? portsByDaemon.get(by.daemon, port) : portsByStarter.get(by.startedBy, port);
}

/** Something that exists in some releases only, as the catalog gives it. */
export interface ReleaseBound {
  releases: ReleaseRange[];
  releasesText: string;
  doubt?: ReleaseDoubt;
}

/** Whether the module's release has it: `unknown` when no release is stated, or when the article leaves it open. */
export function membershipOf(
  bound: ReleaseBound,
  release: Release | undefined,
): { membership: Membership; doubt?: string } {
  if (allReleases(bound.releases)) return { membership: 'in' };
  if (release === undefined) return { membership: 'unknown' };
  const membership = releaseMembership(release, bound.releases);
  const doubt = bound.doubt;
  if (membership === 'in' || doubt === undefined || releaseMembership(release, doubt.releases) === 'out')
    return { membership };
  return { membership: membership === 'out' ? doubt.treatAs : membership, doubt: doubt.note };
}

/** What a listener or connection says of the releases: its state, condition and note, as the release decides them. */
interface Decidable {
  state: 'live' | 'off' | 'conditional' | 'dead';
  condition?: string;
  note?: string;
}

/** Two conditions that must both hold, each in parentheses when it is a disjunction. */
export function conjoin(a: string | undefined, b: string): string {
  if (a === undefined || a === '') return b;
  // A text that starts and ends with a parenthesis may still be a disjunction: "(a) or (b)".
  const operand = (text: string) => (/ or /.test(text) ? `(${text})` : text);
  return `${operand(a)} and ${operand(b)}`;
}

function addNote(item: Decidable, note: string): void {
  item.note = item.note ? `${item.note}; ${note}` : note;
}

/**
 * Decides a port the catalog assumes (a daemon's default port, telnetd's 85 without a listing) by the module's
 * release: off where the release does not have it, conditional on the releases when that is not known.
 */
export function applyRelease(item: Decidable, what: string, bound: ReleaseBound, release: Release | undefined): void {
  if (item.state === 'off' || item.state === 'dead') return;
  const { membership, doubt } = membershipOf(bound, release);
  if (membership === 'out') {
    item.state = 'off';
    delete item.condition;
    addNote(item, `${what} exists in VOS ${bound.releasesText} (the article), not in ${release!.text}`);
  } else if (membership === 'unknown') {
    item.condition = conjoin(item.condition, `VOS ${bound.releasesText}`);
    item.state = 'conditional';
  }
  if (doubt !== undefined) addNote(item, doubt);
}

/**
 * What a module's own file says it listens on (an active inetd.conf line, a telnet_admin row) is live whatever the
 * release: the note says when the catalog does not expect it in the module's release.
 */
export function noteRelease(item: Decidable, what: string, bound: ReleaseBound, release: Release | undefined): void {
  if (release === undefined || membershipOf(bound, release).membership !== 'out') return;
  addNote(
    item,
    `${what} exists in VOS ${bound.releasesText} (the article), not in ${release.text}: this line binds the port anyway`,
  );
}

/** A product a program needs until a release makes it part of STCP/VOS (RADIUS: S268 before 15.0). */
export interface ProductUntil {
  product: string;
  partOfStcpFrom: string;
}

/**
 * Decides a program the article ties to a product before a release by the products purchased: off without it on an
 * earlier release, conditional on it (or on the later release) where the products or the release are not stated.
 */
export function applyProductUntil(
  item: Decidable,
  what: string,
  until: ProductUntil,
  release: Release | undefined,
  products: ReadonlySet<string> | undefined,
): void {
  if (item.state === 'off' || item.state === 'dead' || products?.has(until.product)) return;
  const later = `VOS ${until.partOfStcpFrom}+`;
  const { membership } = membershipOf({ releases: [{ from: until.partOfStcpFrom }], releasesText: later }, release);
  if (membership === 'in') return;
  const purchased = `(software_purchased ${until.product})`;
  if (products !== undefined && membership === 'out') {
    item.state = 'off';
    delete item.condition;
    addNote(item, `${what} needs ${until.product} before VOS ${until.partOfStcpFrom} (the article), not purchased`);
    return;
  }
  const condition = products !== undefined ? later : membership === 'out' ? purchased : `${later} or ${purchased}`;
  item.condition = conjoin(item.condition, condition);
  item.state = 'conditional';
}
