import type { AuditedFile, FileKind } from './files.ts';
import { byPlace, type Message } from './message.ts';
import { ruleUrl } from './rules/registry.ts';
import type { AuditedModule, AuditOptions, FileContext, Report, Rule } from './rules/rule.ts';
import { LineIndex } from './syntax/position.ts';

/** Runs the rules over a module; the framework, not the rule, stamps id, severity, url and positions. */
export function checkModule(module: AuditedModule, options: AuditOptions, rules: readonly Rule[]): Message[] {
  const indexes = new Map<AuditedFile, LineIndex>();
  const indexOf = (file: AuditedFile) => {
    let index = indexes.get(file);
    if (index === undefined) indexes.set(file, (index = new LineIndex(file.source.text)));
    return index;
  };
  const messages: Message[] = [];
  const reporter = (rule: Rule, own?: AuditedFile) => (report: Report) => {
    const file = report.file ?? own;
    if (file === undefined) throw new Error(`rule ${rule.id} reported without naming a file`);
    if (report.fix !== undefined && !rule.fixable) throw new Error(`rule ${rule.id} reported a fix but is not marked fixable`);
    const index = indexOf(file);
    messages.push({
      file: file.source.path,
      ruleId: rule.id,
      severity: rule.severity,
      reason: report.reason,
      place: index.position(report.span),
      source: 'vos-audit',
      url: ruleUrl(rule),
      ...(report.cause && { cause: { reason: report.cause.reason, place: index.position(report.cause.span) } }),
      ...(report.fix && { fix: report.fix }),
      ...(report.suggestions && { suggestions: report.suggestions }),
    });
  };
  for (const rule of rules) {
    if (rule.scope === 'module') {
      rule.check({ module, options, report: reporter(rule) });
      continue;
    }
    const check = rule.check as (context: FileContext<AuditedFile>) => void;
    for (const file of module.files) {
      if (file.kind === (rule.scope as FileKind)) check({ file, module, options, report: reporter(rule, file) });
    }
  }
  return messages.sort(byPlace);
}
