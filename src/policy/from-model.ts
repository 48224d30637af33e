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

function serviceFact(listener: Listener, findings: readonly AuditFinding[]): ServiceFact | undefined {
  const certainty = certaintyOf(listener.state, listener.condition);
  if (certainty === undefined) return undefined;
  const evidence = listener.evidence.map(placeText);
  if (isKernelService(listener.daemon)) {
    const ports = listener.lastPort === undefined ? undefined : ([listener.port, listener.lastPort] as const);
    return { protocol: listener.protocol, ...(ports && { ports }), daemon: listener.daemon, kernel: kernelServices[listener.daemon], certainty, evidence };
  }
  // A finding is about a listener when it is at the place that decided it: the innermost evidence.
  const decisive = evidence.at(-1);
  const finding = findings.find((f) => f.severity !== 'info' && `${f.file}:${f.line}` === decisive);
  return {
    protocol: listener.protocol,
    ports: [listener.port, listener.port],
    daemon: listener.daemon,
    certainty,
    evidence,
    ...(finding && { finding: { reason: finding.reason, ruleId: finding.ruleId, evidence: decisive! } }),
  };
}

/** What the policy of one module is derived from: its model, its settings, and the audit's findings on it. */
export function moduleFacts(module: AnalysedModule, settings: Settings, findings: readonly AuditFinding[]): ModuleFacts {
  const { model } = module;
  const undecided = model.unresolved.map((item) => `${item.reason}${item.place ? ` (${placeText(item.place)})` : ''}`);
  // A port the model took as the default while a file it does not read may set another: the rule may be on the wrong port.
  for (const listener of model.listeners) {
    const place = listener.evidence.at(-1);
    if (listener.undecided !== undefined && certaintyOf(listener.state, listener.condition) !== undefined) {
      undecided.push(`${listener.daemon}: ${listener.undecided}${place ? ` (${placeText(place)})` : ''}`);
    }
  }
  undecided.push(...varyingPorts(model));
  const ephemeral = {} as ModuleFacts['ephemeral'];
  for (const transport of ['tcp', 'udp'] as const) {
    const range = ephemeralPorts(settings.release, transport);
    ephemeral[transport] = range.ports;
    if (range.undecided) undecided.push(range.undecided);
  }
  return {
    name: module.name,
    ...(settings.address && { address: settings.address }),
    ...(settings.system && { system: settings.system }),
    ...(settings.bridge !== undefined && { bridge: settings.bridge }),
    nio: settings.nio,
    ...(settings.nioAddresses && { nioAddresses: settings.nioAddresses }),
    services: model.listeners.flatMap((listener) => serviceFact(listener, findings) ?? []),
    clients: clientFacts(model, settings),
    ephemeral,
    undecided: [...new Set(undecided)],
  };
}
