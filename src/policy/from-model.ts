/*
 * The one place the policy reads the model and the settings. Everything below this file sees only ModuleFacts, so
 * that a change in the model (kernel ranges with ends, clients as connections, conditions as an algebra) is met here.
 */
import { decide } from '../model/decide.ts';
import type { AuditedFile } from '../model/files.ts';
import type { Listener, ModuleModel } from '../model/listener.ts';
import { moduleStarts } from '../model/module.ts';
import { placeText } from '../model/place.ts';
import type { Settings } from '../model/settings.ts';
import type { AuditFinding, Certainty, ModuleFacts, ServiceFact } from './facts.ts';
import { clientPrograms, moduleClients, type ProgramStart } from './model-gaps/clients.ts';
import { ephemeralPorts } from './model-gaps/ephemeral-ranges.ts';
import { kernelRange } from './model-gaps/kernel-ranges.ts';

export interface AnalysedModule {
  name: string;
  files: readonly AuditedFile[];
  model: ModuleModel;
}

function certainty(state: string, condition: string | undefined): Certainty | undefined {
  if (state === 'live') return { state: 'live' };
  if (state !== 'conditional') return undefined;
  const text = condition ?? 'a condition of the macros';
  return { state: 'conditional', condition: text, decidedBy: decidedBy(text) };
}

/** The options that would decide a condition: the products purchased, the release, or nothing vos-audit reads. */
function decidedBy(condition: string): string {
  const options = [/software_purchased/i.test(condition) && '--products', /\bVOS \d/.test(condition) && '--release'].filter(Boolean);
  return options.length > 0 ? options.join(' and ') : 'nothing vos-audit reads';
}

const bridgeUnknown: Certainty = { state: 'conditional', condition: 'the module is its system’s bridge module', decidedBy: '"bridge" in .vos-audit.json, or --bridge' };

function serviceFact(listener: Listener, settings: Settings, findings: readonly AuditFinding[]): ServiceFact | undefined {
  const evidence = listener.evidence.map(placeText);
  if (listener.startedBy === 'kernel') {
    const kernel = listener.daemon.includes('OSN') ? 'OSN' : 'OSL';
    if (kernel === 'OSN' && settings.bridge === false) return undefined;
    const ports = kernelRange(kernel, settings.maxOpenServer);
    const sure = kernel === 'OSL' || settings.bridge === true ? ({ state: 'live' } as const) : bridgeUnknown;
    return { protocol: listener.protocol, ...(ports && { ports }), daemon: listener.daemon, kernel, certainty: sure, evidence };
  }
  const sure = certainty(listener.state, listener.condition);
  if (sure === undefined) return undefined;
  // A finding is about a listener when it is at the place that decided it: the innermost evidence.
  const decisive = evidence.at(-1);
  const finding = findings.find((f) => f.severity !== 'info' && `${f.file}:${f.line}` === decisive);
  return {
    protocol: listener.protocol,
    ports: [listener.port, listener.port],
    daemon: listener.daemon,
    certainty: sure,
    evidence,
    ...(finding && { finding: { reason: finding.reason, ruleId: finding.ruleId, evidence: decisive! } }),
  };
}

function programStarts(files: readonly AuditedFile[], settings: Settings): ProgramStart[] {
  return moduleStarts(files, settings).starts.flatMap((event) => {
    const decided = decide(event, settings);
    const sure = certainty(decided.state, decided.condition);
    return sure ? [{ daemon: event.daemon, certainty: sure, evidence: event.evidence.map(placeText) }] : [];
  });
}

/** What the policy of one module is derived from: its model, its settings, and the audit's findings on it. */
export function moduleFacts(module: AnalysedModule, settings: Settings, findings: readonly AuditFinding[]): ModuleFacts {
  const services = module.model.listeners.flatMap((listener) => serviceFact(listener, settings, findings) ?? []);
  const starts = programStarts(module.files, settings);
  const known = new Set(starts.filter((start) => clientPrograms.has(start.daemon)).map((start) => start.evidence.at(-1)));
  const undecided = module.model.unresolved
    .filter((item) => !(item.place && known.has(placeText(item.place))))
    .map((item) => `${item.reason}${item.place ? ` (${placeText(item.place)})` : ''}`);
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
    services,
    clients: moduleClients({ release: settings.release, ...(settings.products && { products: settings.products }), nio: settings.nio, services, starts }),
    ephemeral,
    undecided,
  };
}
