/** A closed range of port numbers. */
export interface PortRange {
  from: number;
  to: number;
}

/** Whether merged ranges (sorted, apart) hold a port: a binary search. */
export function inMergedRanges(port: number, ranges: readonly PortRange[]): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle]!;
    if (port < range.from) high = middle - 1;
    else if (port > range.to) low = middle + 1;
    else return true;
  }
  return false;
}

/** `1-1024,3000-4100,29000` → ranges; undefined when any part is not a port or a range of ports. */
export function parsePortRanges(text: string): PortRange[] | undefined {
  const ranges: PortRange[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{1,5})(?:-(\d{1,5}))?\s*$/.exec(part);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (match === null || from > to || to > 65535) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

/** The same ports as few ranges as can hold them: sorted, overlapping and adjacent ranges joined. */
export function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** Merged ranges without the given ports. */
export function withoutPorts(ranges: readonly PortRange[], ports: Iterable<number>): PortRange[] {
  const removed = [...new Set(ports)].sort((a, b) => a - b);
  const kept: PortRange[] = [];
  let next = 0;
  for (const range of mergeRanges(ranges)) {
    let from = range.from;
    while (next < removed.length && removed[next]! < from) next++;
    while (next < removed.length && removed[next]! <= range.to) {
      if (removed[next]! > from) kept.push({ from, to: removed[next]! - 1 });
      from = removed[next]! + 1;
      next++;
    }
    if (from <= range.to) kept.push({ from, to: range.to });
  }
  return kept;
}

/** How many ports merged ranges hold. */
export function portCount(ranges: readonly PortRange[]): number {
  return ranges.reduce((sum, range) => sum + range.to - range.from + 1, 0);
}

/** Ranges as `7, 9, 13-19`. */
export function formatRanges(ranges: readonly PortRange[]): string {
  return mergeRanges(ranges)
    .map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`))
    .join(', ');
}
