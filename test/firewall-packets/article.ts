/*
 * What the packet tests expect, written from the Stratus "STCP TCP/UDP Ports" article, not from vos-audit's catalog
 * or output: the ports of its table 1, the ephemeral ranges of its table 3, the kernel's ranges of table 2.
 */

export type Protocol = 'tcp' | 'udp';
export type Range = readonly [number, number];

/** Table 1, every listening port it names but the kernel's 3XXX and 4XXX (which depend on the module). */
export const table1: Record<Protocol, number[]> = {
  tcp: [7, 9, 13, 19, 21, 22, 23, 24, 37, 80, 85, 139, 443, 445, 901],
  udp: [7, 9, 13, 19, 37, 67, 69, 111, 123, 137, 138, 161, 500, 2049, 4500, 29000],
};

/**
 * Table 3's ephemeral ports: tcp "10000 – 65535" before 14.5.0at/14.6.0aj, "49152 – 65535" from 14.5.0at+,
 * 14.6.0aj+, 14.7+; udp "1024 – 65535" before 15.1.0ar, "49152 – 65535" from 15.1.0ar+ and 16+.
 */
export const ephemeral = {
  tcpBefore14_5_0at: [10000, 65535],
  tcpFrom14_5_0at: [49152, 65535],
  udpBefore15_1_0ar: [1024, 65535],
  udpFrom15_1_0ar: [49152, 65535],
} as const satisfies Record<string, Range>;

/** Table 2: OSL "uses ports starting from 3000 and goes to 3XXX where XXX is 2 times the max_open_server number". */
export function oslRange(maxOpenServer: number): Range {
  return [3000, 3000 + 2 * maxOpenServer];
}

/** Table 2: OSN "uses ports starting from 4000 and going to 4XXX where XXX is the max_open_server number". */
export function osnRange(maxOpenServer: number): Range {
  return [4000, 4000 + maxOpenServer];
}

/**
 * Source ports a reply comes from in table 3 (ftp data 20, ssh 22, DNS 53, ntp 123, MQSeries 1414, RADIUS 1812,
 * x25_cpc 48879): a stateless filter that trusts them lets anyone in who sends from one of them.
 */
export const trustedSourcePorts = [20, 22, 53, 123, 1414, 1812, 48879];

/** Ports in an ephemeral range where no client of the module listens, for listeners that must stay unreachable. */
export function canaries(range: Range): number[] {
  return range[0] < 49152 ? [20000, 50000] : [50000];
}
