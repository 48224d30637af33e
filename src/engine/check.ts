import type { AuditedFile, FileKind } from '../model/files.ts';
import { byPlace, type Message } from './message.ts';
import { ruleUrl } from '../rules/registry.ts';
import type { AuditedModule, AuditOptions, FileContext, Report, Rule } from '../rules/rule.ts';
import { applySuppressions } from './suppressions.ts';

export interface Checked {
  messages: Message[];
  /** How many findings each file's suppression comments silenced. */
  suppressed: Map<string, number>;
}

/**
 * Runs the rules over a module, then applies the files' suppression comments; the framework, not the rule, stamps
 * id, severity, url and positions.
 */
export function checkModule(module: AuditedModule, options: AuditOptions, rules: readonly Rule[]): Checked {
  const stamp = (rule: Rule, file: AuditedFile | undefined, report: Report): Message => {
    if (file === undefined) throw new Error(`rule ${rule.id} reported without naming a file`);
    if (report.fix !== undefined && !rule.fixable) throw new Error(`rule ${rule.id} reported a fix but is not marked fixable`);
    const index = file.lines;
    const message: Message = {
      file: file.source.path,
      ruleId: rule.id,
      severity: rule.severity,
      reason: report.reason,
      place: index.position(report.span),
      source: 'vos-audit',
      url: ruleUrl(rule),
    };
    // Assigned rather than spread in: a spread makes an object of its own for each message.
    if (report.cause) message.cause = { reason: report.cause.reason, place: index.position(report.cause.span) };
    if (report.fix) message.fix = report.fix;
    if (report.suggestions) message.suggestions = report.suggestions;
    return message;
  };
  const messages: Message[] = [];
  for (const rule of rules) {
    if (rule.scope === 'module') {
      rule.check({ module, options, report: (report) => messages.push(stamp(rule, report.file, report)) });
      continue;
    }
    const check = rule.check as (context: FileContext<AuditedFile>) => void;
    for (const file of module.files) {
      if (file.kind !== (rule.scope as FileKind)) continue;
      check({ file, module, options, report: (report) => messages.push(stamp(rule, report.file ?? file, report)) });
    }
  }
  const active = (id: string) => rules.find((rule) => rule.id === id);
  const suppressionRules = { withoutReason: active('suppression-without-reason'), unused: active('unused-suppression') };
  const { kept, suppressed, reports } = applySuppressions(module.files, messages, suppressionRules);
  for (const { rule, file, report } of reports) kept.push(stamp(rule, file, report));
  return { messages: kept.sort(byPlace), suppressed };
}
