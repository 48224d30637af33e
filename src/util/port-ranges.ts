/** A closed range of port numbers. */
export interface PortRange {
  from: number;
  to: number;
}

export function inRanges(port: number, ranges: readonly PortRange[]): boolean {
  return ranges.some((range) => range.from <= port && port <= range.to);
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

/** Sorted ports as `7, 9, 13-19`: consecutive ports shown as one range. */
export function formatPorts(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}
