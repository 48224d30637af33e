import type { ModuleResult } from '../../engine/audit.ts';
import type { Message } from '../../engine/message.ts';
import type { Listener } from '../../model/listener.ts';
import { findingsAbout, portsByPlace } from '../../policy/from-model.ts';
import type { Scan } from '../../scan/nmap-scan.ts';
import { portState } from '../../scan/port-state.ts';
import type { FirewallPolicy, ModulePolicy, PolicyRule } from '../../policy/rule.ts';
import type { ModuleVerification, Verification } from '../../scan/verification.ts';

/** An nmap scan and verify's verdicts on it, when the report is asked for them (`--scan`). */
export interface ScanInput {
  /** The scan's file name, as given. */
  name: string;
  /** The scan's text, where its findings are placed. */
  text: string;
  scan: Scan;
  verification: Verification;
}

/** Everything the report shows: each module as the audit left it, the policy derived from them, and a scan. */
export interface SystemInput {
  modules: readonly ModuleResult[];
  policy: FirewallPolicy;
  scan?: ScanInput;
  toolVersion: string;
}

/** A rule of a module's policy with its number in the module's list, from 1, as the table shows it. */
export interface NumberedRule {
  number: number;
  rule: PolicyRule;
}

/** What the report says about one listener: the policy's rules for its port, the findings on it, the scan's state. */
export interface ListenerView {
  listener: Listener;
  /** Its index in the module's listeners: the row of `ports --format json` it is. */
  row: number;
  /** The inbound rules whose ports and protocol cover its port, in order, up to the one that decides. */
  rules: NumberedRule[];
  /** The first of them that a new connection from any client port meets: it decides. */
  deciding?: NumberedRule;
  findings: Message[];
  /** nmap's state of its port on the module's host, when a scan was given and the host is in it. */
  scanned?: string;
}

export interface ModuleView {
  index: number;
  result: ModuleResult;
  policy?: ModulePolicy;
  listeners: ListenerView[];
  messages: Message[];
  verification?: ModuleVerification;
}

function covers(rule: PolicyRule, listener: Listener): boolean {
  return (
    rule.direction === 'in' &&
    (rule.protocol === 'any' || rule.protocol === listener.protocol) &&
    rule.ports[0] <= listener.port &&
    listener.port <= rule.ports[1]
  );
}

function listenerViews(
  result: ModuleResult,
  policy: ModulePolicy | undefined,
  messages: readonly Message[],
  scanned: (listener: Listener) => string | undefined,
): ListenerView[] {
  const findings = messages.map((message) => ({ ...message, line: message.place.start.line, message }));
  const byPlace = portsByPlace(result.model.listeners);
  const numbered = (policy?.rules ?? []).map((rule, i) => ({ number: i + 1, rule }));
  return result.model.listeners.map((listener, row) => {
    const covering = numbered.filter(({ rule }) => covers(rule, listener));
    const decides = covering.findIndex(({ rule }) => rule.sourcePorts === undefined && !rule.reply);
    const deciding = covering[decides];
    const rules = decides === -1 ? covering : covering.slice(0, decides + 1);
    const state = scanned(listener);
    return {
      listener,
      row,
      rules,
      ...(deciding && { deciding }),
      findings: findingsAbout(listener, findings, byPlace).map((f) => f.message),
      ...(state !== undefined && { scanned: state }),
    };
  });
}

/** Each module with what the report shows of it, in the order of the run. */
export function moduleViews(input: SystemInput): ModuleView[] {
  const policies = new Map(input.policy.modules.map((module) => [module.name, module]));
  const verified = new Map(input.scan?.verification.modules.map((module) => [module.name, module]));
  return input.modules.map((result, index) => {
    const policy = policies.get(result.name);
    const verification = verified.get(result.name);
    const host = verification?.host;
    const scanned = (listener: Listener) =>
      input.scan && host
        ? (portState(input.scan.scan, host, listener.protocol, listener.port)?.state ?? 'not probed')
        : undefined;
    const messages = result.files.flatMap((file) => file.messages);
    return {
      index,
      result,
      ...(policy && { policy }),
      listeners: listenerViews(result, policy, messages, scanned),
      messages,
      ...(verification && { verification }),
    };
  });
}
