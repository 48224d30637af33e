/*
 * The one place the policy reads the model and the settings. Everything below this file sees only ModuleFacts, so
 * that a change in the model's shape is met here (and in clients.ts, for the traffic the module starts).
 */
import type { Listener, ModuleModel } from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import type { Settings } from '../model/settings.ts';
import { certaintyOf } from './certainty.ts';
import { clientFacts, ephemeralPorts, varyingPorts } from './clients.ts';
import type { AuditFinding, ModuleFacts, ServiceFact } from './facts.ts';

export interface AnalysedModule {
  name: string;
  model: ModuleModel;
}

const kernelServices = { 'kernel (OSL)': 'OSL', 'kernel (OSN)': 'OSN' } as const;

function isKernelService(daemon: string): daemon is keyof typeof kernelServices {
  return daemon in kernelServices;
}

/** The ports each place decides: a start_stcp call decides ftpd's, telnetd's and snmpd's at once. */
export function portsByPlace(listeners: readonly Listener[]): Map<string, Set<string>> {
  const byPlace = new Map<string, Set<string>>();
  for (const listener of listeners) {
    if (listener.decidedAt === undefined) continue;
    const key = placeText(listener.decidedAt);
    const ports = byPlace.get(key) ?? new Set<string>();
    byPlace.set(key, ports.add(`${listener.protocol}/${listener.port}`));
  }
  return byPlace;
}

/**
 * Whether a finding at the place that decided a listener is about it: the finding names the listener's port among
 * those it is about (telnet's logins on a start_stcp call, not its ftp), or, naming none, its place decides that
 * port alone (an inetd line).
 */
function isAbout(finding: AuditFinding, port: string, portsAtPlace: ReadonlySet<string> | undefined): boolean {
  return finding.ports !== undefined ? finding.ports.includes(port) : (portsAtPlace?.size ?? 0) <= 1;
}

/** The findings about a listener: those at the place that decided it. */
export function findingsAbout<F extends AuditFinding>(
  listener: Listener,
  findings: readonly F[],
  byPlace: ReadonlyMap<string, ReadonlySet<string>>,
): F[] {
  if (listener.decidedAt === undefined) return [];
  const decisive = placeText(listener.decidedAt);
  const port = `${listener.protocol}/${listener.port}`;
  return findings.filter((f) => `${f.file}:${f.line}` === decisive && isAbout(f, port, byPlace.get(decisive)));
}

function serviceFact(
  listener: Listener,
  findings: readonly AuditFinding[],
  byPlace: ReadonlyMap<string, ReadonlySet<string>>,
): ServiceFact | undefined {
  const certainty = certaintyOf(listener.state, listener.condition);
  if (certainty === undefined) return undefined;
  const evidence = listener.evidence.map(placeText);
  if (isKernelService(listener.daemon)) {
    const ports = listener.lastPort === undefined ? undefined : ([listener.port, listener.lastPort] as const);
    return {
      protocol: listener.protocol,
      ...(ports && { ports }),
      daemon: listener.daemon,
      kernel: kernelServices[listener.daemon],
      certainty,
      evidence,
    };
  }
  const decisive = listener.decidedAt && placeText(listener.decidedAt);
  const finding = findingsAbout(listener, findings, byPlace).find((f) => f.severity !== 'info');
  const tcpd = listener.admits?.firewall;
  return {
    protocol: listener.protocol,
    ports: [listener.port, listener.port],
    daemon: listener.daemon,
    certainty,
    evidence,
    ...(finding && {
      finding: {
        reason: finding.reason,
        ruleId: finding.ruleId,
        evidence: decisive!,
        severity: finding.severity === 'error' ? ('error' as const) : ('warning' as const),
      },
    }),
    ...(tcpd && { tcpd: { ...tcpd, text: listener.admits!.text } }),
  };
}

/** What the policy of one module is derived from: its model, its settings, and the audit's findings on it. */
export function moduleFacts(
  module: AnalysedModule,
  settings: Settings,
  findings: readonly AuditFinding[],
): ModuleFacts {
  const { model } = module;
  const byPlace = portsByPlace(model.listeners);
  const undecided = model.unresolved.map((item) => `${item.reason}${item.place ? ` (${placeText(item.place)})` : ''}`);
  // A port the model took as the default while a file it does not read may set another: the rule may be on the wrong port.
  for (const listener of model.listeners) {
    const place = listener.decidedAt;
    if (listener.undecided !== undefined && certaintyOf(listener.state, listener.condition) !== undefined) {
      undecided.push(`${listener.daemon}: ${listener.undecided}${place ? ` (${placeText(place)})` : ''}`);
    }
  }
  undecided.push(...varyingPorts(model));
  for (const fact of model.openConditions)
    undecided.push(
      `a condition of its rows; this fact, true or false, under "facts" in .vos-audit.json decides it: ${fact}`,
    );
  for (const warning of model.factWarnings) undecided.push(`warning: ${warning}`);
  const ephemeral = {} as ModuleFacts['ephemeral'];
  const ephemeralAssumed: ModuleFacts['ephemeralAssumed'] = {};
  for (const transport of ['tcp', 'udp'] as const) {
    const range = ephemeralPorts(settings.release, transport);
    ephemeral[transport] = range.ports;
    if (range.undecided) undecided.push(range.undecided);
    if (range.assumed) ephemeralAssumed[transport] = range.assumed;
  }
  return {
    name: module.name,
    addresses: settings.addresses ?? [],
    ...(settings.system && { system: settings.system }),
    ...(settings.bridge !== undefined && { bridge: settings.bridge }),
    nio: settings.nio,
    ...(settings.nioAddresses && { nioAddresses: settings.nioAddresses }),
    services: model.listeners.flatMap((listener) => serviceFact(listener, findings, byPlace) ?? []),
    clients: clientFacts(model, settings),
    ephemeral,
    ...(Object.keys(ephemeralAssumed).length > 0 && { ephemeralAssumed }),
    ...(settings.release && { release: settings.release }),
    overrides: settings.firewall ?? [],
    undecided: [...new Set(undecided)],
  };
}
