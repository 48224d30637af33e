import { daemonPorts, type DaemonPort } from '../catalog/daemons.ts';
import { portNumber } from '../util/port-number.ts';
import type { AuditedFile } from './files.ts';
import type { StartEvent } from './macro-starts.ts';
import { httpdConfPorts } from './httpd-ports.ts';
import { sshdConfigPorts } from './sshd-ports.ts';
import type { StartPort } from './start-port.ts';

/** Files that may set a daemon's port, and what their absence from the module leaves undecided. */
const portFiles: Record<string, { file: string; undecided: string }> = {
  sshd: {
    file: 'sshd_config',
    undecided: "sshd_config's Port may set another port, and the module has no sshd_config",
  },
  httpd: {
    file: 'httpd.conf',
    undecided: "Apache's Listen directives (httpd.conf) decide its ports, and the module has no httpd.conf",
  },
};

/** The values written after each occurrence of an option: `-p 22 -p 2222`, `-p2222`, `-o Port=2222`, `-oPort=2222`. */
function optionValues(args: readonly string[], option: string, prefixes: readonly string[] = []): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.toLowerCase() === option && i + 1 < args.length) values.push(args[++i]!);
    else
      for (const prefix of prefixes)
        if (arg.toLowerCase().startsWith(prefix) && arg.length > prefix.length) values.push(arg.slice(prefix.length));
  }
  return values;
}

/** sshd's ports from its arguments: every `-p`, and `-o Port=N`. */
function sshdPortArguments(args: readonly string[]): string[] {
  const options = optionValues(args, '-o', ['-o']).flatMap((option) => /^port[= ](.+)$/i.exec(option)?.[1] ?? []);
  return [...optionValues(args, '-p', ['-p']), ...options];
}

/** The arguments that name a daemon's port, by daemon. */
const portArguments: Record<string, (args: readonly string[]) => string[]> = {
  telnet_msd: (args) => optionValues(args, '-network_port'),
  sshd: sshdPortArguments,
};

/** The ports one argument may name: each value its variables may have; a value that is not a port is undecided. */
function argumentPorts(written: string, event: StartEvent, entry: DaemonPort): StartPort[] {
  const values = [...new Set(event.argumentValues(written))];
  const several = values.length > 1;
  return values.map((value) => {
    const port = portNumber(value);
    if (port === undefined) {
      return {
        port: entry.port,
        entry,
        undecided: `its port argument ${written} is not a port vos-audit can resolve; ${entry.port} is only the default`,
        source: { from: 'argument', written, resolved: false },
      };
    }
    return {
      port,
      entry,
      ...(several && { condition: `${written} is ${value}` }),
      source: { from: 'argument', written, resolved: true },
    };
  });
}

/** The daemons whose own configuration, when the module has it, decides their ports with their start lines. */
const configPorts: Record<
  string,
  (
    event: StartEvent,
    files: readonly AuditedFile[],
    entries: readonly DaemonPort[],
    module: string,
  ) => StartPort[] | undefined
> = {
  sshd: (event, files, entries, module) => sshdConfigPorts(event, files, entries[0]!, module),
  httpd: httpdConfPorts,
};

/**
 * The ports a started daemon of the catalog opens: those its configuration file and start line decide (sshd_config
 * with `-p`, `-o`, `-f`), those its arguments name (`telnet_msd -network_port 2024`), else the catalog's defaults,
 * noting a configuration file the module does not have. `module` is the module's directory, below which a daemon's
 * own path to its configuration is compared.
 */
export function startPorts(event: StartEvent, files: readonly AuditedFile[], module: string): StartPort[] {
  const catalog = daemonPorts(event.daemon);
  const configured = catalog.length > 0 ? configPorts[event.daemon]?.(event, files, catalog, module) : undefined;
  if (configured !== undefined) return configured;
  const named = portArguments[event.daemon]?.(event.arguments) ?? [];
  if (named.length > 0 && catalog.length > 0)
    return named.flatMap((written) => argumentPorts(written, event, catalog[0]!));
  const unread = portFiles[event.daemon];
  return catalog.map((entry) =>
    unread === undefined
      ? { port: entry.port, entry, source: { from: 'catalog' } }
      : { port: entry.port, entry, undecided: unread.undecided, source: { from: 'unread file', file: unread.file } },
  );
}
