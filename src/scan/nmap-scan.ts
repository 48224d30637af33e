import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Transport } from '../catalog/server-ports.ts';
import type { Span } from '../syntax/position.ts';
import { canonicalAddress } from '../util/address.ts';
import { mergeRanges, parsePortRanges, type PortRange } from '../util/port-ranges.ts';

/**
 * The largest scan vos-audit reads: an nmap -oX file of every port of a few thousand hosts is a few megabytes; the
 * worst scan of this size is compared in seconds (bench/robustness.ts measures it).
 */
export const maxScanBytes = 8 * 1024 * 1024;

/** nmap's elements nest a handful deep (a script's tables a few more); deeper is not nmap's output. */
export const maxScanDepth = 64;

/** One `<port>` element: a port nmap probed and reported by itself. */
export interface ScannedPort {
  protocol: Transport;
  port: number;
  /** nmap's state: open, closed, filtered, unfiltered, open|filtered or closed|filtered. */
  state: string;
  reason: string;
  span: Span;
}

/** An `<extraports>` element: probed ports nmap reports only by their common state. */
export interface ExtraPorts {
  state: string;
  count: number;
  span: Span;
  /**
   * From its `<extrareasons>`: which protocol and ports (nmap 7.90 and later say so), one entry a protocol, its
   * ranges merged.
   */
  reasons: Array<{ protocol?: Transport; ranges?: PortRange[] }>;
}

export interface ScannedHost {
  /** Its IPv4 and IPv6 addresses, canonical (MAC addresses left out). */
  addresses: string[];
  hostnames: string[];
  /** `up`, `down`, `unknown` or `skipped`, with nmap's reason. */
  status: string;
  statusReason: string;
  /** Its `<host>` start tag. */
  span: Span;
  ports: ScannedPort[];
  extra: ExtraPorts[];
}

/** An nmap scan as `nmap -oX` writes it: which ports it probed, and what it found on each host. */
export interface Scan {
  /** The ports probed, by protocol, from `<scaninfo>`, merged: the same list for every host. */
  probed: Map<Transport, PortRange[]>;
  hosts: ScannedHost[];
  /** The `<nmaprun>` element's start tag: the place of findings about the scan as a whole. */
  span: Span;
  nmapVersion?: string;
  args?: string;
}

/** A file that is not a complete nmap XML scan; the message says what it is instead, after the file's name. */
export class ScanError extends Error {
  override name = 'ScanError';
}

const transports: readonly string[] = ['tcp', 'udp'];
const isTransport = (text: string | undefined): text is Transport => text !== undefined && transports.includes(text);

/** The reasons of an `<extraports>`, one a protocol: the ranges of all its `<extrareasons>` merged. */
function mergedReasons(reasons: ReadonlyArray<{ protocol?: Transport; ranges?: PortRange[] }>): ExtraPorts['reasons'] {
  const byProtocol = new Map<Transport | undefined, PortRange[] | undefined>();
  for (const reason of reasons) {
    if (!byProtocol.has(reason.protocol)) byProtocol.set(reason.protocol, undefined);
    if (reason.ranges === undefined) continue;
    const known = byProtocol.get(reason.protocol);
    if (known === undefined) byProtocol.set(reason.protocol, [...reason.ranges]);
    else for (const range of reason.ranges) known.push(range);
  }
  return [...byProtocol].map(([protocol, ranges]) => ({
    ...(protocol && { protocol }),
    ...(ranges && { ranges: mergeRanges(ranges) }),
  }));
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  return tag.attributes[name];
}

/** The line and column of the text near an offset, for a message about malformed XML. */
function where(parser: SaxesParser): string {
  return `line ${parser.line}, column ${parser.column + 1}`;
}

/**
 * Reads the text of an nmap XML scan (`nmap -oX`) with an XML parser that keeps positions. A file that is not XML,
 * not nmap's, cut short or from a scan that failed is a ScanError.
 */
export function parseNmapXml(text: string): Scan {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const scan: Scan = { probed: new Map(), hosts: [], span: { start: 0, end: 0 } };
  const open: Array<{ name: string; start: number }> = [];
  let host: ScannedHost | undefined;
  let port: Partial<ScannedPort> | undefined;
  let extra: ExtraPorts | undefined;
  let root: string | undefined;
  let tagStart = 0;
  let failure: { message: string; atEnd: boolean } | undefined;
  let closing = false;

  parser.on('error', (error) => {
    failure ??= { message: `${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')} (${where(parser)})`, atEnd: closing };
  });
  parser.on('opentagstart', () => {
    tagStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    const start = tagStart;
    const end = parser.position;
    open.push({ name: tag.name, start });
    if (open.length > maxScanDepth)
      throw new ScanError(
        `nests elements more than ${maxScanDepth} deep (line ${parser.line}); nmap's scans nest a few levels`,
      );
    if (root === undefined) {
      root = tag.name;
      if (tag.name !== 'nmaprun')
        throw new ScanError(
          `is not an nmap XML scan: its root element is <${tag.name}>, not <nmaprun> (nmap -oX writes one)`,
        );
      scan.span = { start, end };
      const version = attribute(tag, 'version');
      const args = attribute(tag, 'args');
      if (version !== undefined) scan.nmapVersion = version;
      if (args !== undefined) scan.args = args;
      return;
    }
    switch (tag.name) {
      case 'scaninfo': {
        const protocol = attribute(tag, 'protocol');
        const services = attribute(tag, 'services') ?? '';
        const ranges = parsePortRanges(services);
        if (ranges === undefined)
          throw new ScanError(
            `has a <scaninfo> whose services are not a list of ports: '${services}' (line ${parser.line})`,
          );
        if (isTransport(protocol)) {
          const probed = scan.probed.get(protocol) ?? [];
          for (const range of ranges) probed.push(range);
          scan.probed.set(protocol, probed);
        }
        break;
      }
      case 'host':
        host = {
          addresses: [],
          hostnames: [],
          status: 'unknown',
          statusReason: '',
          span: { start, end },
          ports: [],
          extra: [],
        };
        break;
      case 'status':
        if (host !== undefined) {
          host.status = attribute(tag, 'state') ?? 'unknown';
          host.statusReason = attribute(tag, 'reason') ?? '';
        }
        break;
      case 'address': {
        const address = canonicalAddress(attribute(tag, 'addr') ?? '');
        const type = attribute(tag, 'addrtype');
        if (host !== undefined && address !== undefined && (type === 'ipv4' || type === 'ipv6'))
          host.addresses.push(address);
        break;
      }
      case 'hostname': {
        const name = attribute(tag, 'name');
        if (host !== undefined && name !== undefined) host.hostnames.push(name);
        break;
      }
      case 'port': {
        const protocol = attribute(tag, 'protocol');
        const id = Number(attribute(tag, 'portid'));
        port = isTransport(protocol) && Number.isInteger(id) ? { protocol, port: id } : undefined;
        break;
      }
      case 'state':
        if (port !== undefined) {
          port.state = attribute(tag, 'state') ?? 'unknown';
          port.reason = attribute(tag, 'reason') ?? '';
        }
        break;
      case 'extraports':
        extra = {
          state: attribute(tag, 'state') ?? 'unknown',
          count: Number(attribute(tag, 'count') ?? 0) || 0,
          span: { start, end },
          reasons: [],
        };
        host?.extra.push(extra);
        break;
      case 'extrareasons': {
        const protocol = attribute(tag, 'proto');
        const ports = attribute(tag, 'ports');
        const ranges = ports === undefined ? undefined : parsePortRanges(ports);
        extra?.reasons.push({ ...(isTransport(protocol) && { protocol }), ...(ranges && { ranges }) });
        break;
      }
      case 'finished':
        if (attribute(tag, 'exit') === 'error')
          throw new ScanError(`is from a scan that failed: nmap says "${attribute(tag, 'errormsg') ?? 'error'}"`);
        break;
    }
  });
  parser.on('closetag', (tag) => {
    const element = open.pop();
    const span = { start: element?.start ?? 0, end: parser.position };
    if (tag.name === 'port' && host !== undefined && port?.state !== undefined)
      host.ports.push({ ...(port as ScannedPort), span });
    if (tag.name === 'port') port = undefined;
    if (tag.name === 'extraports' && extra !== undefined) {
      extra.reasons = mergedReasons(extra.reasons);
      extra = undefined;
    }
    if (tag.name === 'host' && host !== undefined) {
      scan.hosts.push(host);
      host = undefined;
    }
  });

  parser.write(text);
  closing = true;
  parser.close();
  if (text.trim() === '') throw new ScanError('is empty, not an nmap XML scan (nmap -oX writes one)');
  if (root === undefined && failure?.atEnd && text.trimStart().startsWith('<?xml'))
    throw new ScanError('is cut short before its <nmaprun> element');
  if (root === undefined)
    throw new ScanError(
      `is not an nmap XML scan (nmap -oX writes one): ${failure?.message ?? 'it has no XML element'}`,
    );
  if (failure?.atEnd) {
    throw new ScanError(
      `is cut short: it ends inside <${open.at(-1)?.name ?? root}>, before </nmaprun>; was nmap stopped before it finished, or the file truncated?`,
    );
  }
  if (failure !== undefined) throw new ScanError(`is not well-formed XML: ${failure.message}`);
  for (const [protocol, ranges] of scan.probed) scan.probed.set(protocol, mergeRanges(ranges));
  if (scan.probed.size === 0)
    throw new ScanError(
      'probed no TCP or UDP port: it has no <scaninfo> for tcp or udp (a ping scan, -sn, tests no port)',
    );
  return scan;
}
