import type { ReportedFile } from '../engine/audit.ts';
import type { Severity } from '../model/settings.ts';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings whose fix `--fix` would apply. */
  fixable: number;
  /** Fixes applied (with `--fix`) or shown (with `--diff`). */
  fixed: number;
  /** Findings silenced by suppression comments. */
  suppressed: number;
}

/** The findings `-q` left out of a report, by severity. */
export interface NotShown {
  warnings: number;
  infos: number;
}

export function summarize(results: readonly ReportedFile[]): Summary {
  const count = (severity: Severity) =>
    results.reduce((n, r) => n + r.messages.filter((m) => m.severity === severity).length, 0);
  return {
    files: results.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    fixable: results.reduce((n, r) => n + r.messages.filter((m) => m.fix !== undefined).length, 0),
    fixed: results.reduce((n, r) => n + r.applied.length, 0),
    suppressed: results.reduce((n, r) => n + r.suppressed, 0),
  };
}
