import { isIP } from 'node:net';

/**
 * An IPv4 or IPv6 address in one spelling, so that `::1` and `0:0::1` compare equal; undefined for anything else
 * (a host name, a network, a port). IPv6 is compressed and lower-cased the way the URL standard writes it.
 */
export function canonicalAddress(text: string): string | undefined {
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return undefined;
  const zone = text.indexOf('%');
  const bare = zone === -1 ? text : text.slice(0, zone);
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return zone === -1 ? canonical : `${canonical}${text.slice(zone).toLowerCase()}`;
}
