import { isIP } from 'node:net';
import { ipv6Groups } from './ip.ts';

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

/**
 * A network as a firewall names it, `address/length` (an address alone is one host: `/32`, `/128`), canonical;
 * undefined for anything else, and for a network whose address has bits set past its length, which tools disagree
 * on (one masks them, another refuses).
 */
export function canonicalNetwork(text: string): string | undefined {
  const [base = '', length, ...rest] = text.split('/');
  const address = base.includes('%') || rest.length > 0 ? undefined : canonicalAddress(base);
  if (address === undefined) return undefined;
  const v6 = isIP(address) === 6;
  const bits = v6 ? 128 : 32;
  if (length === undefined) return `${address}/${bits}`;
  if (!/^(?:0|[1-9]\d{0,2})$/.test(length) || Number(length) > bits) return undefined;
  const words = v6 ? ipv6Groups(address)! : address.split('.').map(Number);
  const value = words.reduce((sum, word) => (sum << BigInt(v6 ? 16 : 8)) | BigInt(word), 0n);
  const host = (1n << BigInt(bits - Number(length))) - 1n;
  return (value & host) === 0n ? `${address}/${length}` : undefined;
}
