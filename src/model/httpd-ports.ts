import type { DaemonPort } from '../catalog/daemons.ts';
import type { HttpdDirective, HttpdSection } from '../syntax/httpd-conf.ts';
import { listenOf } from '../syntax/httpd-conf.ts';
import { commandLineDirectives } from './httpd-command-line.ts';
import { chosenConfig, readThroughIncludes, unfollowedText, type ConfigLine } from './config-includes.ts';
import type { AuditedFile, FileOfKind } from './files.ts';
import type { PortSource } from './listener.ts';
import type { StartEvent } from './macro-starts.ts';
import { Place } from './place.ts';
import type { StartPort } from './start-port.ts';
import { resolvedOptions } from './start-options.ts';

type HttpdConfFile = FileOfKind<'httpd-conf'>;
type HttpdNode = HttpdSection | HttpdDirective;
type HttpdLine = ConfigLine<HttpdConfFile, HttpdDirective>;

/** A section's condition as Apache's own test says it: `<IfDefine !SSL>`, with where it is. */
interface SectionCondition {
  section: HttpdSection;
  file: HttpdConfFile;
}

/** What a start line and the configuration read so far decide of `<IfDefine>` and `<IfModule>`. */
interface Known {
  /** Parameters defined by `-D NAME` or `Define NAME`. */
  defined: ReadonlySet<string>;
  /** Modules loaded by LoadModule, by identifier (`ssl_module`) and by source name (`mod_ssl.c`). */
  loaded: ReadonlySet<string>;
}

const sectionText = ({ section, file }: SectionCondition) =>
  `${section.keyword.value} ${section.arguments.map((a) => a.value).join(' ')}> (${file.source.path}:${section.position.start.line})`;

/**
 * Whether a section's test holds: `<IfDefine NAME>` when NAME is defined (by -D on the start line or Define), and
 * `<IfModule NAME>` when a LoadModule loads it, are true, and their `!` forms false; undefined when nothing read
 * decides it (a parameter not defined may still be defined by a start vos-audit does not see, a module not loaded
 * may be built in), and for any other section's test.
 */
function holds(section: HttpdSection, known: Known): boolean | undefined {
  const argument = section.arguments[0]?.value ?? '';
  const negated = argument.startsWith('!');
  const name = negated ? argument.slice(1) : argument;
  const present =
    section.name === 'ifdefine'
      ? known.defined.has(name)
      : section.name === 'ifmodule'
        ? known.loaded.has(name.toLowerCase())
        : false;
  if (!present) return undefined;
  return !negated;
}

/** `LoadModule ssl_module modules/mod_ssl.so` loads `ssl_module`, also known as `mod_ssl.c`. */
function loadedNames(line: HttpdDirective): string[] {
  const [identifier, path] = line.arguments.map((a) => a.value.toLowerCase());
  const source = path?.split('/').at(-1)?.replace(/\.so$/, '.c');
  return [identifier, source].filter((name): name is string => name !== undefined);
}

/**
 * What is known at each Listen line, as Apache reads the configuration, in order: the start line's `-D`s and `-C`
 * directives, then the Defines and LoadModules read before the line outside any section (a section after them sees
 * them; one before does not).
 */
function knownBefore(
  lines: readonly HttpdLine[],
  startDefines: readonly string[],
  startDirectives: readonly HttpdDirective[],
): Map<HttpdLine, Known> {
  const defined = new Set(startDefines);
  const loaded = new Set<string>();
  const read = (directive: HttpdDirective) => {
    if (directive.name === 'define' && directive.arguments[0] !== undefined) defined.add(directive.arguments[0].value);
    if (directive.name === 'loadmodule') for (const name of loadedNames(directive)) loaded.add(name);
  };
  startDirectives.forEach(read);
  const known = new Map<HttpdLine, Known>();
  for (const line of lines) {
    if (line.directive.name === 'listen') known.set(line, { defined: new Set(defined), loaded: new Set(loaded) });
    if (line.conditions.length === 0) read(line.directive);
  }
  return known;
}

/** The sections around a line, through the files that include it, outermost first. */
function sectionsOf(line: HttpdLine, byText: ReadonlyMap<string, SectionCondition>): SectionCondition[] {
  return line.conditions.map((text) => byText.get(text)!);
}

/** The catalog entry a Listen's port is reported under: its own port's, else https's for `https`, else http's. */
function entryFor(port: number, protocol: string | undefined, entries: readonly DaemonPort[]): DaemonPort {
  const https = entries.find((entry) => entry.service === 'https');
  return (
    entries.find((entry) => entry.port === port) ??
    (protocol?.toLowerCase() === 'https' && https ? https : (entries.find((e) => e.service === 'http') ?? entries[0]!))
  );
}

/**
 * httpd's ports: one row a `Listen` of the module's httpd.conf (the one `-f` names, else the one of that name),
 * read through Include and IncludeOptional among the module's files, and one a Listen its start line gives with
 * `-C` or `-c`. A Listen inside `<IfDefine>` or `<IfModule>` is conditional on the section's test, unless the start
 * line's `-D`, or a Define or LoadModule read before it (in a `-C`, or in the file) decides it: true, the row is as
 * the start is; false, the row is off. Undefined when the module has no httpd.conf and the start line gives no Listen.
 */
export function httpdConfPorts(
  event: StartEvent,
  files: readonly AuditedFile[],
  entries: readonly DaemonPort[],
  module: string,
): StartPort[] | undefined {
  const configs = files.filter((file): file is HttpdConfFile => file.kind === 'httpd-conf');
  const options = resolvedOptions(event, 'fDCc');
  const given = commandLineDirectives(options);
  const fromStartLine = given.listens.map(({ port, address, protocol, written }): StartPort => ({
    port,
    entry: entryFor(port, protocol, entries),
    source: { from: 'argument', written, resolved: true },
    ...(address !== undefined && { note: `on ${address} only (Listen)` }),
  }));
  const unreadOnStartLine = given.unread.map((written) => `its ${written} is not a directive vos-audit can read`);
  const path = options.filter((o) => o.option === 'f').at(-1)?.value;
  const chosen = chosenConfig(configs, path, /^httpd\.conf$/, module);
  if (chosen === undefined || !('file' in chosen)) {
    if (chosen === undefined && fromStartLine.length === 0) return undefined;
    const unread = chosen === undefined;
    const fileUndecided = unread
      ? "Apache's Listen directives (httpd.conf) may add to its start line's, and the module has no httpd.conf"
      : `httpd's configuration: ${chosen.undecided}`;
    const source: PortSource = unread
      ? { from: 'unread file', file: 'httpd.conf' }
      : { from: 'daemon config', file: path ?? 'httpd.conf' };
    return [
      ...fromStartLine,
      ...entries.map((entry) => ({
        port: entry.port,
        entry,
        undecided: [fileUndecided, ...unreadOnStartLine].join('; '),
        source,
      })),
    ];
  }
  const source: PortSource = { from: 'daemon config', file: chosen.file.source.path };
  const byText = new Map<string, SectionCondition>();
  const read = readThroughIncludes<HttpdConfFile, HttpdNode>(
    chosen.file,
    configs,
    {
      includes: (d) =>
        d.name === 'include' || d.name === 'includeoptional' ? d.arguments.map((a) => a.value) : undefined,
      optional: (d) => d.name === 'includeoptional',
      conditions: (file, d) =>
        d.sections
          .filter((section) => section.name.startsWith('if'))
          .map((section) => {
            const condition = { section, file };
            byText.set(sectionText(condition), condition);
            return sectionText(condition);
          }),
      place: (file, d) => new Place(file.source.path, d),
    },
    module,
  );
  const lines = read.lines.filter((line): line is HttpdLine => line.directive.type === 'directive');
  const knownAt = knownBefore(
    lines,
    options.filter((o) => o.option === 'D').map((o) => o.value),
    given.before,
  );
  const undecided =
    [unfollowedText(read, 'what it would read may add Listen lines'), ...unreadOnStartLine]
      .filter((text) => text !== undefined)
      .join('; ') || undefined;
  const listens = lines.filter((line) => line.directive.name === 'listen');
  if (listens.length === 0 && fromStartLine.length === 0) {
    return entries.map((entry) => ({
      port: entry.port,
      entry,
      source,
      undecided: `${chosen.file.source.path} has no Listen line vos-audit can read (Apache does not start without one)${undecided ? `; ${undecided}` : ''}`,
    }));
  }
  const fromFile = listens.map((line): StartPort => {
    const { port, address: host, protocol } = listenOf(line.directive);
    const sections = sectionsOf(line, byText);
    const known = knownAt.get(line)!;
    const decided = sections.map((condition) => ({ condition, holds: holds(condition.section, known) }));
    const failing = decided.find((d) => d.holds === false);
    const open = decided.filter((d) => d.holds === undefined).map((d) => sectionText(d.condition));
    return {
      port,
      entry: entryFor(port, protocol, entries),
      source,
      decidedAt: new Place(line.file.source.path, line.directive),
      ...(open.length > 0 && { condition: open.join(' and ') }),
      ...(failing && { off: `its Listen is inside ${sectionText(failing.condition)}, which does not hold` }),
      ...(host !== undefined && { note: `on ${host} only (Listen)` }),
      ...(undecided && { undecided }),
    };
  });
  return [...fromFile, ...fromStartLine.map((row) => ({ ...row, ...(undecided && { undecided }) }))];
}
