import type { FileResult } from '../engine/audit.ts';
import type { AuditOptions } from '../rules/rule.ts';
import { summarize } from './summary.ts';

export const jsonReportVersion = 1;

/** The JSON report; its shape is documented in docs/json-report.md and only grows within a version. */
export function formatJson(results: readonly FileResult[], options: AuditOptions, toolVersion: string, mode: 'check' | 'fix'): string {
  const report = {
    version: jsonReportVersion,
    tool: { name: 'vos-audit', version: toolVersion },
    mode,
    options: { release: options.release.text, nio: options.nio, products: options.products ? [...options.products].sort() : null },
    files: results.map((result) => ({
      path: result.source.path,
      kind: result.kind,
      encoding: result.source.encoding,
      bom: result.source.bom,
      eol: result.source.eol,
      changed: result.output !== result.source.text,
      applied: result.applied,
      messages: result.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        reason: m.reason,
        place: m.place,
        url: m.url,
        ...(m.cause && { cause: m.cause }),
        ...(m.fix && { fix: m.fix }),
        ...(m.suggestions && { suggestions: m.suggestions }),
      })),
    })),
    summary: summarize(results),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
