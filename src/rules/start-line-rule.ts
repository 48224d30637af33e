import type { Listener } from '../model/module.ts';
import { byStartLine, commentOutStart, reportedAt, running } from './module-helpers.ts';
import type { AuditOptions, ModuleRule, RuleExample, Severity } from './rule.ts';

interface StartLineRuleSpec {
  id: string;
  severity: Severity;
  daemons: string[];
  summary: string;
  rationale: string;
  /** The message for a running listener, or undefined when the options make it fine. */
  reason(listener: Listener, options: AuditOptions): string | undefined;
  examples: RuleExample[];
}

/**
 * Rules about a daemon a macro starts that should not run: each reports the start line, with a suggestion to
 * comment it out (applied with --fix --suggestions), since only the site knows whether something still needs it.
 */
export function startLineRule(spec: StartLineRuleSpec): ModuleRule {
  return {
    id: spec.id,
    scope: 'module',
    severity: spec.severity,
    fixable: false,
    suggests: true,
    docs: {
      summary: spec.summary,
      rationale: spec.rationale,
      fix: [
        'A suggestion comments out the start line with `& ` (every line of a continued statement), keeping its text.',
        'A start line that is the body of an `&then` or `&else` is commented out inside a new `&do` … `&end` block, so',
        'that the `&if` keeps its `&then` and nothing after it falls under the condition.',
      ].join('\n'),
    },
    examples: spec.examples,
    check(context) {
      const listeners = spec.daemons.flatMap((daemon) => running(context.module, daemon));
      for (const listener of byStartLine(listeners)) {
        const reason = spec.reason(listener, context.options);
        const at = reportedAt(context.module, listener);
        if (reason === undefined || at === undefined) continue;
        context.report({ ...at, reason, ...commentOutStart(context.module, listener) });
      }
    },
  };
}
