import type { Transport } from '../catalog/server-ports.ts';
import { undecidedText } from '../model/listener.ts';
import type { Span } from '../syntax/position.ts';
import { formatRanges, mergeRanges, portCount, withoutPorts, type PortRange } from '../util/port-ranges.ts';
import { conditionIn, expectationAt, expectedPorts, type ExpectedPort } from './expected-ports.ts';
import type { Scan, ScannedHost } from './nmap-scan.ts';
import { portState, type PortFinding } from './port-state.ts';
import type { ModuleTally, ModuleToVerify, VerifyFinding } from './verification.ts';
import { severityOf, type VerifyCheckId } from './verify-checks.ts';

/** How many of the things an incomplete model could not decide a finding names. */
const shownUndecided = 3;

const undecidedStates = (state: string) => state !== 'open' && state !== 'closed';
const active = (row: ExpectedPort | undefined) =>
  row !== undefined && (row.state === 'live' || row.state === 'conditional') ? row : undefined;
const portName = (protocol: Transport, port: number) => `${protocol}/${port}`;
const rowName = (row: ExpectedPort) =>
  `${row.protocol}/${row.from === row.to ? row.from : `${row.from}-${row.to}`} (${row.daemon})`;

/** The places that made a row what it is, each saying what it shows. */
function evidence(row: ExpectedPort): VerifyFinding['related'] {
  const what =
    row.state === 'live'
      ? `${row.daemon} is started here`
      : row.state === 'conditional'
        ? `${row.daemon} is started here if ${row.condition ?? 'a condition holds'}`
        : `${row.daemon} is ${row.state} here${row.note ? `: ${row.note}` : ''}`;
  // Evidence runs outermost first: the last place decided the row, those before it lead there (a macro calling another).
  return row.evidence.map((place, i) => ({
    place,
    reason: i === row.evidence.length - 1 ? what : `${row.daemon}'s start goes through here`,
  }));
}

/** One scanned host compared, port by port, with the model of the module that has its address. */
export class HostComparison {
  readonly findings: VerifyFinding[] = [];
  readonly tally: ModuleTally;
  private readonly expected: ExpectedPort[];
  private readonly judged = { tcp: new Set<number>(), udp: new Set<number>() };
  /** Ports judged filtered or open|filtered where the model expects nothing. */
  private readonly undecidedElsewhere = { tcp: [] as number[], udp: [] as number[] };

  constructor(
    private readonly scan: Scan,
    private readonly host: ScannedHost,
    private readonly module: ModuleToVerify & { address: string },
  ) {
    this.expected = expectedPorts(module.model);
    const activeRows = this.expected.filter((row) => active(row));
    this.tally = {
      openAsExpected: 0,
      closedAsExpected: 0,
      unexplainedOpen: 0,
      liveButClosed: 0,
      conditionsSettled: 0,
      undecided: 0,
      notProbed: 0,
      expected: activeRows.length,
    };
  }

  /** Each finding on a module whose model is incomplete says so, naming what the model could not decide. */
  private report(id: VerifyCheckId, reason: string, span: Span, related: VerifyFinding['related'] = []): void {
    const { name, model } = this.module;
    const undecided = model.unresolved;
    const incomplete =
      undecided.length === 0
        ? ''
        : `; ${name}'s model is incomplete, so this may be wrong: ${undecided.slice(0, shownUndecided).map(undecidedText).join('; ')}` +
          (undecided.length > shownUndecided
            ? `; and ${undecided.length - shownUndecided} more (vos-audit ports lists them)`
            : '');
    const missing = undecided.flatMap((item) =>
      item.place === undefined ? [] : [{ place: item.place, reason: `undecided: ${item.reason}` }],
    );
    this.findings.push({
      id,
      severity: severityOf(id),
      reason: `${reason}${incomplete}`,
      span,
      module: name,
      related: [...related, ...missing.slice(0, shownUndecided)],
    });
  }

  private judge(protocol: Transport, port: number, found: PortFinding): void {
    if (this.judged[protocol].has(port)) return;
    this.judged[protocol].add(port);
    const key = portName(protocol, port);
    const { name, address } = this.module;
    const at = `${key} is ${found.state === 'unreported' ? 'probed, but its state not reported,' : found.state} on ${address}`;
    const row = active(expectationAt(this.expected, protocol, port));
    if (found.state === 'open') {
      if (row === undefined) {
        this.tally.unexplainedOpen++;
        const off = expectationAt(this.expected, protocol, port);
        const hint = off
          ? `; the configuration has ${off.daemon} ${off.state} there${off.note ? ` (${off.note})` : ''}`
          : '';
        this.report(
          'verify-unexplained-open-port',
          `${at} but nothing in ${name}'s configuration starts a listener there${hint}`,
          found.span,
          off ? evidence(off) : [],
        );
      } else if (row.state === 'live') this.tally.openAsExpected++;
      else {
        this.tally.conditionsSettled++;
        this.report(
          'verify-condition-settled',
          `${row.daemon} is running on ${name} (${at}): ${conditionIn(row.condition ?? '', true)}`,
          found.span,
          evidence(row),
        );
      }
    } else if (row?.range) {
      // A range's ports are not all listened on at every moment: only an open one says something.
    } else if (found.state === 'closed') {
      if (row === undefined) this.tally.closedAsExpected++;
      else if (row.state === 'live') {
        this.tally.liveButClosed++;
        const assumed = row.note ? ` (${row.note})` : '';
        this.report(
          'verify-live-port-closed',
          `${at} but ${name}'s configuration starts ${row.daemon} there${assumed}: it failed to start or stopped, or the configuration is not booted yet`,
          found.span,
          evidence(row),
        );
      } else {
        this.tally.conditionsSettled++;
        this.report(
          'verify-condition-settled',
          `${row.daemon} is not listening on ${name} (${at}): ${conditionIn(row.condition ?? '', false)}, or ${row.daemon} failed to start`,
          found.span,
          evidence(row),
        );
      }
    } else if (row !== undefined) {
      this.tally.undecided++;
      const may = row.state === 'live' ? 'says it does' : `says it does if ${row.condition ?? 'a condition holds'}`;
      this.report(
        'verify-port-undecided',
        `${at}: the scan cannot tell whether ${row.daemon} listens there, as ${name}'s configuration ${may}`,
        found.span,
        evidence(row),
      );
    } else {
      this.undecidedElsewhere[protocol].push(port);
    }
  }

  compare(): this {
    for (const port of this.host.ports) this.judge(port.protocol, port.port, port);
    const notProbed: ExpectedPort[] = [];
    for (const row of this.expected.filter((r) => active(r))) {
      let probed = false;
      for (let port = row.from; port <= row.to; port++) {
        const found = portState(this.scan, this.host, row.protocol, port);
        if (found === undefined) continue;
        probed = true;
        if (!row.range) this.judge(row.protocol, port, found);
      }
      if (!probed) notProbed.push(row);
    }
    this.tally.notProbed = notProbed.length;
    this.reportUndecidedElsewhere();
    if (notProbed.length > 0) {
      const list = notProbed.map(rowName).join(', ');
      this.report(
        'verify-ports-not-probed',
        `${notProbed.length} of ${this.module.name}'s ${this.tally.expected} live or conditional ports were not probed by the scan, so not judged: ${list}`,
        this.host.span,
      );
    }
    return this;
  }

  /**
   * Undecided ports where the model expects nothing: one finding a host, not one a port, its ports kept as ranges
   * (an `<extraports>` of 1-65535 is one range, however often it is repeated).
   */
  private reportUndecidedElsewhere(): void {
    const ranges = { tcp: [] as PortRange[], udp: [] as PortRange[] };
    for (const extra of this.host.extra.filter((e) => undecidedStates(e.state))) {
      const withPorts = extra.reasons.filter((r) => r.protocol && r.ranges);
      if (withPorts.length === 0) {
        this.tally.undecided += extra.count;
        this.report(
          'verify-port-undecided',
          `${extra.count} probed ports on ${this.module.address} are ${extra.state}: the scan cannot tell whether anything listens there`,
          extra.span,
        );
        continue;
      }
      for (const reason of withPorts) for (const range of reason.ranges!) ranges[reason.protocol!].push(range);
    }
    const undecided = (['tcp', 'udp'] as const).map((protocol) => {
      const notJudged = withoutPorts(ranges[protocol], this.judged[protocol]);
      const single = this.undecidedElsewhere[protocol].map((port) => ({ from: port, to: port }));
      return { protocol, ranges: mergeRanges([...notJudged, ...single]) };
    });
    const n = portCount(undecided[0]!.ranges) + portCount(undecided[1]!.ranges);
    if (n === 0) return;
    this.tally.undecided += n;
    const byProtocol = undecided.flatMap(({ protocol, ranges }) =>
      ranges.length > 0 ? [`${protocol}/${formatRanges(ranges)}`] : [],
    );
    this.report(
      'verify-port-undecided',
      `${n} probed ${n === 1 ? 'port' : 'ports'} on ${this.module.address} where ${this.module.name}'s ` +
        `configuration starts nothing ${n === 1 ? 'is' : 'are'} filtered or open|filtered, ` +
        `so not known to be closed: ${byProtocol.join('; ')}`,
      this.host.span,
    );
  }
}
