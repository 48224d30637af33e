import type { AccessRequest, MatchedRule, Verdict } from '../model/tcpd-policy.ts';
import { maxPatternFileBytes } from '../model/tcpd-pattern-file.ts';
import { printable } from './printable.ts';
import { fittedLayout, proseLines, type TableLayout } from './table.ts';

export type TcpdmatchFormat = 'text' | 'json';

function place(matched: MatchedRule): string {
  return `${matched.file.source.path}:${matched.rule.position.start.line}`;
}

function ruleText(matched: MatchedRule): string {
  return matched.file.source.text.slice(matched.rule.start, matched.rule.end).replace(/\\\r?\n[ \t]*/g, ' ');
}

/** What the answer rests on beyond the files: no DNS, no NIS, files vos-audit does not have, options that decide. */
function notes(request: AccessRequest, verdict: Verdict): string[] {
  const notes: string[] = [];
  if (verdict.twist !== undefined)
    notes.push(
      `twist: tcpd runs '${verdict.twist}' for the client instead of ${request.daemon} (tcpdmatch says "delegated")`,
    );
  if (verdict.refused !== undefined)
    notes.push(`tcpd refuses the option '${verdict.refused}' and so denies the client`);
  if (verdict.unreadable !== undefined)
    notes.push(
      `${verdict.unreadable.source.path} ends without a line break: tcpd fails reading it and denies every client no rule decided`,
    );
  if (request.client.address !== undefined) {
    for (const matched of verdict.nameDependent) {
      const patterns = matched.rule.clients
        .filter((p) => p.kind !== 'except' && p.kind !== 'address' && p.kind !== 'net' && p.kind !== 'prefix')
        .map((p) => p.value);
      notes.push(
        `no DNS: ${place(matched)} has patterns that match by host name or netgroup ` +
          `(${patterns.join(', ')}); ${request.client.address} is given no name here, so with its real name the answer may differ`,
      );
    }
  } else {
    notes.push(
      `no DNS: ${request.client.name} is matched by its name only; patterns of addresses would need its address`,
    );
  }
  if (verdict.access === 'granted' && verdict.matched === undefined && verdict.absentFiles.length > 0) {
    const present = (['hosts.allow', 'hosts.deny'] as const).find((name) => !verdict.absentFiles.includes(name));
    notes.push(
      `the module has no ${verdict.absentFiles.join(' and no ')}: tcpd reads a file it cannot open as empty, so ` +
        (present === undefined
          ? 'no rule decides and every client is granted'
          : `a client no rule of ${present} matches is granted`),
    );
  }
  for (const path of verdict.missingFiles)
    notes.push(
      `the pattern file ${path} is not among the module's files: it matches nothing here, but tcpd would read it`,
    );
  for (const path of verdict.oversizedFiles)
    notes.push(
      `the pattern file ${path} is larger than the ${maxPatternFileBytes / 1024} kB vos-audit reads of a ` +
        `pattern file (as of a hosts file): it matches nothing here, but tcpd would read it`,
    );
  if (verdict.loop !== undefined)
    notes.push(
      `the pattern file ${verdict.loop} names itself, through its own patterns or another file's: tcpd recurses until it crashes, and the client is not served`,
    );
  return notes;
}

/** tcpdmatch's answer: text like tcpdmatch's own, fitted to the layout, or JSON `{daemon, client, access, matched, notes}`. */
export function formatTcpdmatch(
  request: AccessRequest,
  verdict: Verdict,
  format: TcpdmatchFormat,
  daemon: string,
  client: string,
  layout: TableLayout = fittedLayout(),
): string {
  const said = notes(request, verdict);
  if (format === 'json') {
    const matched = verdict.matched
      ? { file: verdict.matched.file.source.path, line: verdict.matched.rule.position.start.line }
      : null;
    return `${JSON.stringify({ daemon, client, access: verdict.access, matched, notes: said }, null, 2)}\n`;
  }
  const clientField =
    request.client.address !== undefined ? `address  ${request.client.address}` : `hostname ${request.client.name}`;
  const serverField =
    request.server.address !== undefined
      ? `address  ${request.server.address}`
      : request.server.name !== undefined
        ? `hostname ${request.server.name}`
        : undefined;
  const fields: Array<[label: string, value: string]> = [
    ['client', clientField],
    ...(request.user !== undefined ? [['client', `username ${request.user}`] satisfies [string, string]] : []),
    ...(serverField !== undefined ? [['server', serverField] satisfies [string, string]] : []),
    ['server', `process  ${request.daemon}`],
    ['matched', verdict.matched ? `${place(verdict.matched)}  ${ruleText(verdict.matched)}` : 'no rule'],
    ['access', verdict.access],
    ...said.map((note) => ['note', note] satisfies [string, string]),
  ];
  // tcpdmatch's own layout, `label:   value`, each value wrapped beneath itself when the layout is fitted.
  const labelWidth = 10;
  const lines = fields.flatMap(([label, value]) =>
    proseLines(printable(value), layout, `${label}:`.padEnd(labelWidth), ' '.repeat(labelWidth)),
  );
  return `${lines.join('\n')}\n`;
}
