import { daemonPorts, type DaemonPort } from '../catalog/daemons.ts';
import type { PortSource } from './listener.ts';
import type { StartEvent } from './macro-starts.ts';

/** A port a started daemon opens: the catalog's, or one its arguments name, and how sure that is. */
export interface StartPort {
  port: number;
  /** The catalog's entry for the daemon's port: its releases, product and advice hold for a moved port too. */
  entry: DaemonPort;
  /** When an argument's variable may have several values: which value this port is. */
  condition?: string;
  /** What vos-audit could not read that may change the port. */
  undecided?: string;
  source: PortSource;
}

/** Files that may set a daemon's port, which vos-audit does not read, and what that leaves undecided. */
const portFiles: Record<string, { file: string; undecided: string }> = {
  sshd: {
    file: 'sshd_config',
    undecided: "sshd_config's Port may set another port; vos-audit does not read sshd_config",
  },
  httpd: {
    file: 'httpd.conf',
    undecided: "Apache's Listen directives (httpd.conf) decide its ports; vos-audit does not read httpd.conf",
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

function asPort(value: string): number | undefined {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** The ports one argument may name: each value its variables may have; a value that is not a port is undecided. */
function argumentPorts(written: string, event: StartEvent, entry: DaemonPort): StartPort[] {
  const values = [...new Set(event.argumentValues(written))];
  const several = values.length > 1;
  return values.map((value) => {
    const port = asPort(value);
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

/**
 * The ports a started daemon of the catalog opens: those its arguments name (`telnet_msd -network_port 2024`,
 * `sshd -p 22 -p 2222`), else the catalog's defaults, noting a configuration file vos-audit does not read.
 */
export function startPorts(event: StartEvent): StartPort[] {
  const catalog = daemonPorts(event.daemon);
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
