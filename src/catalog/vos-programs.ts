import type { Transport } from './server-ports.ts';

/**
 * Where what the catalog says of a program's ports comes from: the STCP ports article; the protocol's IANA port
 * assignment, which holds for the protocol anywhere (general, not a statement about VOS); or our assumption, where
 * no public source says.
 */
export type PortsSource = 'article' | 'IANA assignment (general)' | 'our assumption';

/** What a program VOS ships, or a site commonly runs, opens when a macro starts it outside the article's tables. */
export interface VosProgram {
  program: string;
  /** What it is, in a few words. */
  what: string;
  /** The ports it listens on by default; none when it listens on nothing of its own. */
  listens: ReadonlyArray<{ port: number; transport: Transport; service: string }>;
  source: PortsSource;
  /** Why, in words: the article's statement, the assignment, or what the assumption rests on. */
  because: string;
}

const oslKernel = {
  listens: [],
  source: 'article',
  because: 'OSL\'s ports are the kernel\'s: "The OSL ports are handled by the kernel"',
} as const;

const noPortKnown = {
  listens: [],
  source: 'our assumption',
  because: 'no public source says it listens on a port of its own',
} as const;

export const vosPrograms: readonly VosProgram[] = [
  { program: 'osl_daemon', what: 'an OSL process', ...oslKernel },
  { program: 'osl_admin', what: 'an OSL process', ...oslKernel },
  { program: 'osl_overseer', what: 'an OSL process', ...oslKernel },
  { program: 'osl_server', what: 'an OSL server process', ...oslKernel },
  { program: 'iso_server', what: 'a VOS system process', ...noPortKnown },
  { program: 'tli_disconnect_daemon', what: 'a VOS system process', ...noPortKnown },
  { program: 'overseer', what: 'a VOS system process', ...noPortKnown },
  { program: 'copy_dump', what: 'a VOS system process', ...noPortKnown },
  { program: 'posix_regdb_server', what: 'a VOS system process', ...noPortKnown },
  {
    program: 'ndmpd',
    what: 'an NDMP backup server',
    listens: [{ port: 10000, transport: 'tcp', service: 'ndmp' }],
    source: 'IANA assignment (general)',
    because: 'IANA assigns tcp/10000 to NDMP',
  },
  {
    program: 'mysqld',
    what: 'a MySQL server',
    listens: [{ port: 3306, transport: 'tcp', service: 'mysql' }],
    source: 'IANA assignment (general)',
    because: 'IANA assigns tcp/3306 to MySQL',
  },
];

const byProgram = new Map(vosPrograms.map((entry) => [entry.program, entry]));

/** What the catalog says of a program a macro starts, by its name as the model matches it. */
export function vosProgram(program: string): VosProgram | undefined {
  return byProgram.get(program);
}
