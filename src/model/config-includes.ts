import { Place } from './place.ts';

/**
 * A daemon's configuration read through its includes (sshd's `Include`, Apache's `Include` and `IncludeOptional`),
 * among the module's files only: what the daemon would read, line by line, and what vos-audit could not follow.
 */

/** A path or glob as its components: VOS `(master_disk)>opt>openssl>etc>sshd_config`, Unix `/etc/ssh/x.conf`. */
export function pathComponents(path: string): string[] {
  return path.split(/[>/\\]/).filter((part) => part !== '' && part !== '.' && !/^(?:%[^>]*|\([^)]*\))$/.test(part));
}

function globPart(part: string): RegExp {
  const source = part.replace(/\[!/g, '[^').replace(/[.+^${}()|\\]/g, (c) => `\\${c}`);
  return new RegExp(`^${source.replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`, 'i');
}

/**
 * Whether a file of the module is one a path or glob names. The module holds a copy of part of the system's disk,
 * rooted anywhere, so the two are compared from their ends: every component the shorter has must match the
 * longer's at the same distance from the end (`sshd_config.d/a.conf` is `/etc/ssh/sshd_config.d/*.conf`; so is
 * `opt/openssl/etc/sshd_config.d/a.conf` if the glob is `sshd_config.d/*.conf`). Names compare case-insensitively,
 * as VOS's do.
 */
export function namesFile(pattern: string, modulePath: string): boolean {
  const wanted = pathComponents(pattern);
  const have = pathComponents(modulePath);
  const length = Math.min(wanted.length, have.length);
  if (length === 0) return false;
  for (let i = 1; i <= length; i++) if (!globPart(wanted.at(-i)!).test(have.at(-i)!)) return false;
  return true;
}

/**
 * A file's path below its module's directory (`conf/httpd.conf` for `sites/m7/conf/httpd.conf` in module
 * `sites/m7`): what a daemon's path is compared with, so that where vos-audit was run from never matters.
 */
export function pathInModule(module: string, path: string): string {
  const directory = module.replace(/\/+$/, '');
  return directory !== '' && directory !== '.' && path.startsWith(`${directory}/`)
    ? path.slice(directory.length + 1)
    : path;
}

/** A file of a directive language, as the include walk needs it. */
export interface ConfigFile<D> {
  source: { path: string };
  tree: { children: readonly D[] };
}

/** One line the daemon reads, in the file it is in, under the conditions of the sections around it. */
export interface ConfigLine<F, D> {
  file: F;
  directive: D;
  /** The conditions it is read under, outermost first (an including line's, then its own). */
  conditions: string[];
}

export interface IncludeRules<F, D> {
  /** The patterns a line includes, or undefined when it includes nothing. */
  includes(directive: D): readonly string[] | undefined;
  /** Whether a pattern that names no file of the module is fine to the daemon (IncludeOptional). */
  optional?(directive: D): boolean;
  /** The conditions a line is read under within its own file. */
  conditions(file: F, directive: D): string[];
  /** The place of a line, for what vos-audit could not follow. */
  place(file: F, directive: D): Place;
}

/** sshd's own limit on nested includes (servconf.c), which is also ours for Apache. */
export const maxIncludeDepth = 16;

export interface ReadConfig<F, D> {
  lines: Array<ConfigLine<F, D>>;
  /** What could not be followed: an include naming no file of the module, a cycle, too deep a nesting. */
  unfollowed: Array<{ reason: string; place: Place }>;
}

/** Reads a configuration file through its includes, in the order the daemon would (each glob's files by name). */
export function readThroughIncludes<F extends ConfigFile<D>, D>(
  root: F,
  files: readonly F[],
  rules: IncludeRules<F, D>,
  module: string,
): ReadConfig<F, D> {
  const result: ReadConfig<F, D> = { lines: [], unfollowed: [] };
  const walk = (file: F, outer: readonly string[], stack: readonly F[]) => {
    for (const directive of file.tree.children) {
      const conditions = [...outer, ...rules.conditions(file, directive)];
      const patterns = rules.includes(directive);
      if (patterns === undefined) {
        result.lines.push({ file, directive, conditions });
        continue;
      }
      for (const pattern of patterns) {
        const named = files
          .filter((candidate) => namesFile(pattern, pathInModule(module, candidate.source.path)))
          .sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
        const place = rules.place(file, directive);
        if (named.length === 0 && !rules.optional?.(directive))
          result.unfollowed.push({ reason: `it includes ${pattern}, which names no file of the module`, place });
        for (const included of named) {
          if (stack.includes(included))
            result.unfollowed.push({
              reason: `it includes ${included.source.path} again, a cycle: not followed`,
              place,
            });
          else if (stack.length >= maxIncludeDepth)
            result.unfollowed.push({
              reason: `it includes ${included.source.path} deeper than ${maxIncludeDepth} files: not followed`,
              place,
            });
          else walk(included, conditions, [...stack, included]);
        }
      }
    }
  };
  walk(root, [], [root]);
  return result;
}

/** What could not be followed, in words with where, and what that leaves open; undefined when everything was. */
export function unfollowedText(read: ReadConfig<unknown, unknown>, consequence: string): string | undefined {
  if (read.unfollowed.length === 0) return undefined;
  const reasons = read.unfollowed.map((u) => `${u.place.file}:${u.place.position.start.line}: ${u.reason}`);
  return `${reasons.join('; ')}; ${consequence}`;
}

/**
 * The file a daemon reads as its configuration: the one its start line names (`-f`), else the module's one file of
 * its usual name; undefined when there is none of that name, undecided when it is not clear which.
 */
export function chosenConfig<F extends ConfigFile<unknown>>(
  files: readonly F[],
  named: string | undefined,
  usualName: RegExp,
  module: string,
): { file: F } | { undecided: string } | undefined {
  const candidates = named
    ? files.filter((file) => namesFile(named, pathInModule(module, file.source.path)))
    : files.filter((file) => usualName.test(pathComponents(file.source.path).at(-1)?.toLowerCase() ?? ''));
  if (candidates.length === 1) return { file: candidates[0]! };
  if (candidates.length === 0)
    return named === undefined ? undefined : { undecided: `${named}, which it reads, is not among the module's files` };
  return {
    undecided: `the module has ${candidates.length} such files (${candidates.map((f) => f.source.path).join(', ')}), and nothing says which one it reads`,
  };
}
