import { baseName } from '../util/base-name.ts';
import type { AuditedFile, HostsAccessFile } from './files.ts';
import { maxPatternFileBytes, PatternFile, type OversizedPatternFile } from './tcpd-pattern-file.ts';
import type { Policy } from './tcpd-policy.ts';

/**
 * The module's policy: its hosts.allow and hosts.deny wherever they are ([D]: their place on VOS is not public);
 * a `/path` pattern file is one of the module's files whose path ends with it.
 */
export function modulePolicy(files: readonly AuditedFile[]): Policy {
  let policy = policies.get(files);
  if (policy === undefined) policies.set(files, (policy = readPolicy(files)));
  return policy;
}

/** One policy per module's files: the model and four rules ask for it. */
const policies = new WeakMap<readonly AuditedFile[], Policy>();

function readPolicy(files: readonly AuditedFile[]): Policy {
  const hosts = files.filter((file): file is HostsAccessFile => file.kind === 'hosts-access');
  const named = (name: string) => hosts.find((file) => baseName(file.source.path) === name);
  const allow = named('hosts.allow');
  const deny = named('hosts.deny');
  return {
    ...(allow && { allow }),
    ...(deny && { deny }),
    patternFile: patternFiles((path) => files.find((file) => `/${file.source.path}`.endsWith(path))?.source),
  };
}

/**
 * Pattern files by path, from a lookup of the file a path names: each file read and split once, however many paths
 * and rules name it; a file over the limit of a hosts file is not read.
 */
export function patternFiles<S extends { text: string; bytes: Uint8Array }>(
  sourceOf: (path: string) => S | undefined,
): Policy['patternFile'] {
  const bySource = new Map<S, PatternFile | OversizedPatternFile>();
  const byPath = new Map<string, PatternFile | OversizedPatternFile | undefined>();
  const read = (path: string, source: S) =>
    source.bytes.length > maxPatternFileBytes
      ? { path, bytes: source.bytes.length }
      : new PatternFile(path, source.text);
  return (path) => {
    if (!byPath.has(path)) {
      const source = sourceOf(path);
      if (source !== undefined && !bySource.has(source)) bySource.set(source, read(path, source));
      byPath.set(path, source && bySource.get(source));
    }
    return byPath.get(path);
  };
}
