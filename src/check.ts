import { byPlace, type Message } from './message.ts';
import { inetdServices } from './model/inetd.ts';
import { ruleUrl } from './rules/registry.ts';
import type { AuditOptions, InetdFile, Rule } from './rules/rule.ts';
import { parseInetd } from './syntax/inetd.ts';
import { LineIndex } from './syntax/position.ts';
import type { Source } from './syntax/source.ts';

export function readInetdFile(source: Source): InetdFile {
  const tree = parseInetd(source.text);
  return { kind: 'inetd', source, tree, services: inetdServices(tree) };
}

/** Runs rules over one file; the framework, not the rule, stamps id, severity, url and positions. */
export function checkFile(file: InetdFile, options: AuditOptions, rules: readonly Rule[]): Message[] {
  const index = new LineIndex(file.source.text);
  const messages: Message[] = [];
  for (const rule of rules) {
    rule.check({
      file,
      options,
      report(report) {
        if (report.fix !== undefined && !rule.fixable) throw new Error(`rule ${rule.id} reported a fix but is not marked fixable`);
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
        });
      },
    });
  }
  return messages.sort(byPlace);
}
