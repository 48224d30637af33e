import type { Listener } from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import { defineRule } from './rule.ts';
import { reportedAt } from './support/listeners.ts';

function running(listener: Listener): boolean {
  return listener.state === 'live' || listener.state === 'conditional';
}

function who(listener: Listener): string {
  const place = listener.decidedAt;
  const by =
    listener.startedBy === 'inetd'
      ? `inetd's ${listener.daemon} line`
      : `${listener.daemon} started by ${listener.startedBy}`;
  return place ? `${by} (${placeText(place)})` : by;
}

export const portConflict = defineRule({
  id: 'port-conflict',
  scope: 'module',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'one port must not be opened by two different servers',
    rationale: [
      'Only one socket can listen on a port and protocol. When inetd has a line for a service that a daemon started',
      "by the macros also serves (inetd's ftp line while start_stcp runs ftpd on tcp/21), or two daemons are given",
      'the same port (`telnet_msd -network_port 23`), whichever starts second fails to bind, and which one the',
      'clients reach depends on the order things start. Keep one of them. Two inetd lines for the same service are',
      '`inetd-duplicate-service`.',
    ].join('\n'),
  },
  examples: [
    {
      title: "inetd's ftp line beside STCP's ftpd",
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n',
        'inetd.conf': 'ftp stream tcp nowait root >system>stcp>command_library>ftpd.pm ftpd\n',
      },
      messages: [
        'inetd.conf:1:1 tcp/21 has two servers: ' +
          "inetd's ftpd line (inetd.conf:1) and ftpd started by start_stcp (module_start_up.cm:1) both open " +
          'it, and only the first to start can bind it; keep one of them',
      ],
    },
  ],
  check(context) {
    const byPort = new Map<string, Listener[]>();
    for (const listener of context.module.model.listeners) {
      if (!running(listener) || listener.startedBy === 'kernel') continue;
      const key = `${listener.port}/${listener.protocol}`;
      const same = byPort.get(key);
      if (same === undefined) byPort.set(key, [listener]);
      else same.push(listener);
    }
    for (const [port, listeners] of byPort) {
      const first = listeners.find((l) => l.startedBy !== 'inetd') ?? listeners[0]!;
      for (const other of listeners) {
        // Two inetd lines are inetd-duplicate-service's; one daemon started twice by the same macro is one server
        // started on several paths (an &if and its &else).
        const sameStarter =
          other.startedBy === first.startedBy && (other.startedBy === 'inetd' || other.daemon === first.daemon);
        if (other === first || sameStarter) continue;
        const at = reportedAt(context.module, other);
        if (at === undefined) continue;
        context.report({
          ...at,
          reason:
            `${port.split('/')[1]}/${port.split('/')[0]} has two servers: ${who(other)} and ${who(first)} both ` +
            `open it, and only the first to start can bind it; keep one of them`,
        });
      }
    }
  },
});
