import type { ModuleResult } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import type { Settings } from '../model/settings.ts';
import { stateCounts, type BaselineView } from './baseline-view.ts';
import { summarize, type NotShown } from './summary.ts';
import { docsUrl, rulePage } from './docs-url.ts';

export const jsonReportVersion = 1;

function settingsJson(settings: Settings) {
  return {
    release: settings.release?.text ?? null,
    nio: settings.nio,
    products: settings.products ? [...settings.products].sort() : null,
    maxOpenServer: settings.maxOpenServer ?? null,
    bridge: settings.bridge ?? null,
  };
}

/** With --baseline: the revision, how many findings are in each state, and the revision's findings that are gone. */
function baselineJson(baseline: BaselineView, shown: Iterable<Message>) {
  const { new: fresh, unchanged, updated } = stateCounts(baseline, shown);
  return {
    revision: baseline.revision,
    new: fresh,
    unchanged,
    updated,
    absent: baseline.absent.map(({ file, message, identity }) => ({
      path: file.source.path,
      ruleId: message.ruleId,
      severity: message.severity,
      reason: message.reason,
      place: message.place,
      identity,
    })),
  };
}

/**
 * The JSON report; its shape is documented in docs/json-report.md and only grows within a version. `fallback` is
 * what `options` shows when no module was audited. `notShown` (with `-q`) counts the findings left out, which the
 * summary's counts, like `messages`, do not include. With a baseline, each message carries its state against it.
 */
export function formatJson(
  modules: readonly ModuleResult[],
  fallback: Settings,
  toolVersion: string,
  mode: 'check' | 'fix',
  { notShown, baseline, docsBase }: { notShown?: NotShown; baseline?: BaselineView; docsBase?: string } = {},
): string {
  const results = modules.flatMap((module) => module.files.map((file) => ({ ...file, module: module.name })));
  const report = {
    version: jsonReportVersion,
    tool: { name: 'vos-audit', version: toolVersion },
    mode,
    options: settingsJson(modules[0]?.settings ?? fallback),
    modules: modules.map((module) => ({
      name: module.name,
      settings: {
        ...settingsJson(module.settings),
        rules: Object.fromEntries([...module.settings.ruleLevels].sort(([a], [b]) => (a < b ? -1 : 1))),
      },
    })),
    files: results.map((result) => ({
      path: result.source.path,
      module: result.module,
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
        ...docsUrl(docsBase, rulePage(m.ruleId)),
        ...(m.cause && { cause: m.cause }),
        ...(m.fix && { fix: m.fix }),
        ...(m.suggestions && { suggestions: m.suggestions }),
        ...(baseline && { baselineState: baseline.state.get(m) }),
      })),
    })),
    summary: { ...summarize(results), ...(notShown && { notShown }) },
    ...(baseline && {
      baseline: baselineJson(
        baseline,
        results.flatMap((r) => r.messages),
      ),
    }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
