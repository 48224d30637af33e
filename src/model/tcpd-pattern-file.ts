import { languageOf } from '../languages/registry.ts';
import { PatternList, type Endpoint } from './tcpd-pattern-list.ts';

/** tcpd reads a pattern file as it reads hosts.allow, so vos-audit reads one no larger than a hosts file. */
export const maxPatternFileBytes = languageOf('hosts-access').maxBytes;

/** A pattern file that names itself, directly or through others: tcpd recurses until it crashes. */
export class PatternFileLoop extends Error {
  override name = 'PatternFileLoop';
  constructor(readonly path: string) {
    super(`the pattern file ${path} names itself`);
  }
}

/** Pattern files a client list consulted and vos-audit could not read, by path: not among the module's files, or too large. */
export type UnreadPatternFiles = Map<string, 'missing' | 'too large'>;

export interface PatternFileAnswer {
  matched: boolean;
  /** The pattern files consulted on the way that vos-audit could not read. */
  unread: UnreadPatternFiles;
}

/** A module file named by a `/path` pattern that is over the limit: not read. */
export interface OversizedPatternFile {
  path: string;
  bytes: number;
}

/**
 * A `/path` pattern file, read and split once: tcpd tries its blank-separated patterns in order, and the first that
 * matches the host decides. Each host's answer is kept, for every rule and request that names the file.
 */
export class PatternFile {
  private readonly list: PatternList;
  private readonly answers = new Map<string, PatternFileAnswer | 'evaluating'>();

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.list = new PatternList(text.split(/[ \t\n\v\f\r]+/).filter((pattern) => pattern !== ''));
  }

  /**
   * Whether any pattern matches the host; `hostMatch` tries one pattern as a client list does, noting the pattern
   * files it could not read (it may consult other pattern files). A file reached again while it is being tried for
   * the same host is a PatternFileLoop.
   */
  matches(host: Endpoint, hostMatch: (pattern: string, unread: UnreadPatternFiles) => boolean): PatternFileAnswer {
    const key = `${host.address ?? ''}\u0000${host.name ?? ''}`;
    const known = this.answers.get(key);
    if (known === 'evaluating') throw new PatternFileLoop(this.path);
    if (known !== undefined) return known;
    this.answers.set(key, 'evaluating');
    const unread: UnreadPatternFiles = new Map();
    const matched = this.list.matches(host, (position) => hostMatch(this.list.patterns[position]!, unread));
    const answer = { matched, unread };
    this.answers.set(key, answer);
    return answer;
  }
}
