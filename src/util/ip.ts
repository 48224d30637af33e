/** IPv4 and IPv6 addresses as the C library reads them, for matching patterns the way TCP Wrappers does. */

/**
 * A dotted quad as inet_addr(3) reads it, when it has exactly four parts (TCP Wrappers' dot_quad_addr): each part
 * decimal, octal with a leading 0, or hex with 0x, at most 255. Undefined for anything else, and for
 * 255.255.255.255, which inet_addr cannot tell from its error value.
 */
export function dottedQuad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const byte = /^0[xX][0-9a-fA-F]*$/.test(part)
      ? parseInt(part.slice(2) || '0', 16)
      : /^0[0-7]*$/.test(part)
        ? parseInt(part, 8)
        : /^[1-9]\d*$/.test(part)
          ? Number(part)
          : NaN;
    if (!(byte <= 255)) return undefined;
    value = value * 256 + byte;
  }
  return value === 0xffffffff ? undefined : value;
}

/** The 32 bits of a mask `len` ones long. */
export function prefixMask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** An IPv6 address as 8 sixteen-bit groups (a dotted quad may end it), or undefined when it is not one. */
export function ipv6Groups(text: string): number[] | undefined {
  let head = text;
  const tail: number[] = [];
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const parts = quad[2]!.split('.').map(Number);
    if (parts.some((p, i) => p > 255 || /^0\d/.test(quad[2]!.split('.')[i]!))) return undefined;
    head = quad[1]!.endsWith('::') ? quad[1]! : quad[1]!.slice(0, -1);
    tail.push(parts[0]! * 256 + parts[1]!, parts[2]! * 256 + parts[3]!);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const [left, right = undefined] = halves.map(groups);
  const words = [...left!, ...(right ?? [])];
  if (words.some((word) => !/^[0-9a-fA-F]{1,4}$/.test(word))) return undefined;
  const given = words.length + tail.length;
  if (right === undefined ? given !== 8 : given > 7) return undefined;
  const values = (list: string[]) => list.map((word) => parseInt(word, 16));
  return [...values(left!), ...new Array<number>(8 - given).fill(0), ...values(right ?? []), ...tail];
}

/** Whether the first `length` bits of two addresses (as groups) agree. */
export function samePrefix(a: readonly number[], b: readonly number[], length: number): boolean {
  for (let bit = 0; bit < length; bit += 16) {
    const bits = Math.min(16, length - bit);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if ((a[bit / 16]! & mask) !== (b[bit / 16]! & mask)) return false;
  }
  return true;
}

/** The C library's atoi: leading blanks, a sign, digits; 0 when there are none. */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  return match ? Number.parseInt(match[1]!, 10) : 0;
}
