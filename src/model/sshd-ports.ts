import type { DaemonPort } from '../catalog/daemons.ts';
import type { SshdDirective } from '../syntax/sshd-config.ts';
import { listenAddress } from '../syntax/sshd-config.ts';
import { portNumber } from '../util/port-number.ts';
import {
  chosenConfig,
  readThroughIncludes,
  unfollowedText,
  type ConfigLine,
  type ReadConfig,
} from './config-includes.ts';
import type { AuditedFile, FileOfKind } from './files.ts';
import type { PortSource } from './listener.ts';
import { Place } from './place.ts';
import { resolvedOptions } from './start-options.ts';
import type { StartEvent } from './macro-starts.ts';
import type { StartPort } from './start-port.ts';

export type SshdConfigFile = FileOfKind<'sshd-config'>;

/**
 * A port sshd listens on and the config line that decided it; none for the start line's `-p` or `-o`, which the
 * start itself decides (as any port argument does), `written` as it is written there.
 */
interface DecidedPort {
  port: number;
  at?: Place;
  written?: string;
  /** The addresses it is limited to, when ListenAddress says. */
  address?: string;
}

/** A `-o` option as a config line: `Port=2222`, `Port 2222`, `ListenAddress=[::1]:22`. */
function optionLine(value: string): { name: string; argument: string } | undefined {
  const match = /^([A-Za-z]+)[\t ]*(?:=|[\t ])[\t ]*(\S+)/.exec(value);
  return match ? { name: match[1]!.toLowerCase(), argument: match[2]! } : undefined;
}

const place = (file: SshdConfigFile, directive: SshdDirective) => new Place(file.source.path, directive);

/** An sshd_config read as sshd reads it: through its Includes, each line under the Match block it is in. */
export function readSshdConfig(
  file: SshdConfigFile,
  files: readonly SshdConfigFile[],
  module: string,
): ReadConfig<SshdConfigFile, SshdDirective> {
  return readThroughIncludes(
    file,
    files,
    {
      includes: (directive) => (directive.name === 'include' ? directive.arguments.map((a) => a.value) : undefined),
      conditions: (_file, directive) =>
        directive.match ? [`Match ${directive.match.arguments.map((a) => a.value).join(' ')}`] : [],
      place,
    },
    module,
  );
}

/**
 * sshd's ports as sshd(8) and sshd_config(5) decide them. The start line's options are read first, in order: `-p`
 * adds a port and makes sshd ignore every Port read after it (the file's, and a later `-o Port`); `-o` is a config
 * line read before the file. Then the file, through its Includes, outside Match blocks (where Port and ListenAddress
 * are not allowed). With no Port at all, the port is 22. Without ListenAddress sshd listens on every address on
 * each port; each ListenAddress listens on its own port if it names one, else on each port.
 */
function decidedPorts(
  event: StartEvent,
  lines: ReadonlyArray<ConfigLine<SshdConfigFile, SshdDirective>>,
  fileRoot: Place,
): DecidedPort[] {
  const ports: DecidedPort[] = [];
  const addresses: Array<{ text: string; at?: Place; written?: string }> = [];
  let fromCommandLine = false;
  for (const { option, value: resolved, written } of resolvedOptions(event, 'pof')) {
    const port = portNumber(resolved);
    if (option === 'p' && port !== undefined) {
      fromCommandLine = true;
      ports.push({ port, written });
    }
    const line = option === 'o' ? optionLine(resolved) : undefined;
    if (line?.name === 'port' && !fromCommandLine && portNumber(line.argument) !== undefined)
      ports.push({ port: portNumber(line.argument)!, written });
    if (line?.name === 'listenaddress') addresses.push({ text: line.argument, written });
  }
  for (const { file, directive, conditions } of lines) {
    if (conditions.length > 0 || directive.arguments.length === 0) continue;
    const argument = directive.arguments[0]!.value;
    if (directive.name === 'port' && !fromCommandLine)
      ports.push({ port: portNumber(argument)!, at: place(file, directive) });
    if (directive.name === 'listenaddress') addresses.push({ text: argument, at: place(file, directive) });
  }
  const every = ports.length > 0 ? ports : [{ port: 22, at: fileRoot }];
  if (addresses.length === 0) return every;
  return addresses.flatMap(({ text, ...decided }) => {
    const address = listenAddress(text);
    if (address === undefined) return [];
    if (address.port !== undefined) return [{ port: address.port, ...decided, address: address.host }];
    return every.map((port) => ({ ...port, address: address.host }));
  });
}

/** One row a port, its addresses together: `on 192.0.2.1 and 192.0.2.2 only` unless one of them is every address. */
type PortRow = Omit<DecidedPort, 'address'> & { addresses?: string[] };

function byPort(decided: readonly DecidedPort[]): PortRow[] {
  const rows = new Map<number, PortRow & { everywhere: boolean }>();
  for (const { address, ...port } of decided) {
    const row = rows.get(port.port) ?? { ...port, everywhere: false };
    if (address === undefined) row.everywhere = true;
    else row.addresses = [...(row.addresses ?? []), address];
    rows.set(port.port, row);
  }
  return [...rows.values()].map(({ everywhere, addresses, ...row }) =>
    everywhere || addresses === undefined ? row : { ...row, addresses: [...new Set(addresses)] },
  );
}

/**
 * The ports sshd opens, read from the module's sshd_config (the one `-f` names, else the one of that name) and its
 * start line; undefined when the module has no sshd_config, so the catalog's port stands, as before.
 */
export function sshdConfigPorts(
  event: StartEvent,
  files: readonly AuditedFile[],
  entry: DaemonPort,
  module: string,
): StartPort[] | undefined {
  const configs = files.filter((file): file is SshdConfigFile => file.kind === 'sshd-config');
  const path = resolvedOptions(event, 'f').at(-1)?.value;
  const chosen = chosenConfig(configs, path, /^sshd_config$/, module);
  if (chosen === undefined) return undefined;
  const source: PortSource = {
    from: 'daemon config',
    file: 'file' in chosen ? chosen.file.source.path : (path ?? 'sshd_config'),
  };
  if (!('file' in chosen))
    return [{ port: entry.port, entry, undecided: `sshd's configuration: ${chosen.undecided}`, source }];
  const read = readSshdConfig(chosen.file, configs, module);
  const undecided = unfollowedText(read, 'what it would read may set other ports');
  const ports = byPort(decidedPorts(event, read.lines, new Place(chosen.file.source.path, chosen.file.tree)));
  return ports.map(({ port, at, written, addresses }) => ({
    port,
    entry,
    source: written === undefined ? source : { from: 'argument', written, resolved: true },
    ...(at && { decidedAt: at }),
    ...(addresses && { note: `on ${addresses.join(' and ')} only (ListenAddress)` }),
    ...(undecided && { undecided }),
  }));
}
