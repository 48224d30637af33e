import type { Settings } from '../model/settings.ts';
import { findSuppressions } from '../model/suppressions.ts';
import { ruleIds } from '../rules/registry.ts';
import type { AuditedModule, FiledReport, Rule } from '../rules/rule.ts';
import { byPlace, type Message } from './message.ts';
import { applySuppressions } from './suppressions.ts';

export interface Checked {
  messages: Message[];
  /** How many findings each file's suppression comments silenced. */
  suppressed: Map<string, number>;
}

/** A rule's report as a message: the framework, not the rule, stamps id, severity and positions. */
function stamp(rule: Rule, report: FiledReport): Message {
  if (report.fix !== undefined && !rule.fixable)
    throw new Error(`rule ${rule.id} reported a fix but is not marked fixable`);
  const index = report.file.lines;
  const message: Message = {
    file: report.file.source.path,
    ruleId: rule.id,
    severity: rule.severity,
    reason: report.reason,
    place: index.position(report.span),
    source: 'vos-audit',
  };
  // Assigned rather than spread in: a spread makes an object of its own for each message.
  if (report.cause) message.cause = { reason: report.cause.reason, place: index.position(report.cause.span) };
  if (report.fix) message.fix = report.fix;
  if (report.suggestions) message.suggestions = report.suggestions;
  if (report.ports) message.ports = report.ports;
  return message;
}

/** Runs the rules over a module, applies the files' suppression comments, then the rules that read those. */
export function checkModule(module: AuditedModule, settings: Settings, rules: readonly Rule[]): Checked {
  const suppressions = module.files.flatMap(findSuppressions);
  const run = (rule: Rule, into: Message[]) =>
    rule.run({ module, settings, suppressions, ruleIds, report: (report) => into.push(stamp(rule, report)) });
  const findings: Message[] = [];
  for (const rule of rules) if (rule.scope !== 'suppressions') run(rule, findings);
  const { kept, suppressed } = applySuppressions(suppressions, findings);
  for (const rule of rules) if (rule.scope === 'suppressions') run(rule, kept);
  return { messages: kept.sort(byPlace), suppressed };
}
