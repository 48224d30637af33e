import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import type { ModuleVerification, Verification } from '../scan/verification.ts';
import { verifyChecks } from '../scan/verify-checks.ts';
import { LineIndex } from '../syntax/position.ts';
import type { Source } from '../syntax/source.ts';
import { formatGcc, formatGithub } from './lines.ts';
import { printable } from './printable.ts';
import { jsonChunks } from './json-chunks.ts';
import { sarifChunks, type SarifRule } from './sarif.ts';
import { summarize } from './summary.ts';
import { docsUrl, verifyCheckPage } from './docs-url.ts';
import { renderVerifyCheckPage } from './rule-page.ts';
import { painter } from './paint.ts';
import { fittedLayout, proseLines, type TableLayout } from './table.ts';
import { messageRows, plural } from './text.ts';

export const verifyRules: readonly SarifRule[] = verifyChecks.map((check) => ({
  ...check,
  page: verifyCheckPage(check.id),
  help: renderVerifyCheckPage(check),
  tags: ['security', 'vos', 'verify'],
}));

export const verifyReportVersion = 1;

/** The verdicts as findings on the scan file, each with the configuration's places as related places. */
function scanFile(verification: Verification, scan: Source): ReportedFile {
  const index = new LineIndex(scan.text);
  const messages: Message[] = verification.findings.map((finding) => ({
    file: scan.path,
    ruleId: finding.id,
    severity: finding.severity,
    reason: finding.reason,
    place: index.position(finding.span),
    source: 'vos-audit',
    ...(finding.related.length > 0 && {
      related: finding.related.map((r) => ({ file: r.place.file, reason: r.reason, place: r.place.position })),
    }),
  }));
  return { source: scan, output: scan.text, messages, suppressed: 0, applied: [] };
}

function tallyText(module: ModuleVerification): string {
  const { tally } = module;
  if (tally === undefined) return `${module.name}${module.address ? ` (${module.address})` : ''}: not verified`;
  const parts = [
    `${tally.openAsExpected} open as configured`,
    `${tally.closedAsExpected} closed as configured`,
    tally.unexplainedOpen > 0 && `${tally.unexplainedOpen} open unexplained`,
    tally.liveButClosed > 0 && `${tally.liveButClosed} live but closed`,
    tally.conditionsSettled > 0 && `${plural(tally.conditionsSettled, 'condition')} settled`,
    `${tally.undecided} undecided`,
  ].filter(Boolean);
  return `${module.name} (${module.address}): ${parts.join(', ')}; ${tally.notProbed} of its ${tally.expected} live or conditional ports not probed`;
}

function formatVerifyText(verification: Verification, file: ReportedFile, color: boolean, layout: TableLayout): string {
  const paint = painter(color);
  const blocks: string[] = [];
  if (file.messages.length > 0)
    blocks.push(messageRows(printable(file.source.path), file.messages, paint, layout).join('\n'));
  blocks.push(verification.modules.flatMap((module) => proseLines(printable(tallyText(module)), layout)).join('\n'));
  const s = summarize([file]);
  const problems = s.errors + s.warnings + s.infos;
  const counts =
    problems === 0
      ? 'no problems'
      : `${plural(problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'infos')})`;
  const style = s.errors > 0 ? 'error' : s.warnings > 0 ? 'warning' : 'green';
  const closing = `${counts} verifying ${plural(verification.modules.length, 'module')} against ${printable(file.source.path)}`;
  blocks.push(paint('bold', paint(style, proseLines(closing, layout).join('\n'))));
  return `${blocks.join('\n\n')}\n`;
}

/** The JSON report of `verify`, documented in docs/verify.md, in chunks. */
function verifyJsonChunks(
  verification: Verification,
  file: ReportedFile,
  toolVersion: string,
  docsBase: string | undefined,
): Generator<string> {
  const { errors, warnings, infos } = summarize([file]);
  const findings: unknown[] = [];
  const report = {
    version: verifyReportVersion,
    tool: { name: 'vos-audit', version: toolVersion },
    scan: file.source.path,
    modules: verification.modules.map((module) => ({
      name: module.name,
      address: module.address ?? null,
      host: module.host ? { addresses: module.host.addresses, hostnames: module.host.hostnames } : null,
      tally: module.tally ?? null,
    })),
    findings,
    summary: { errors, warnings, infos },
  };
  return jsonChunks(
    report,
    findings,
    file.messages.map((m, i) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      reason: m.reason,
      module: verification.findings[i]!.module ?? null,
      place: m.place,
      ...docsUrl(docsBase, verifyCheckPage(m.ruleId)),
      related: m.related ?? [],
    })),
  );
}

export type VerifyFormat = 'text' | 'json' | 'sarif' | 'gcc' | 'github';

/**
 * The verdicts of `verify` in any of the audit's formats, placed in the scan file; JSON and SARIF in chunks, each
 * finding written as it comes; text fitted to the layout.
 */
export function formatVerification(
  verification: Verification,
  scan: Source,
  format: VerifyFormat,
  toolVersion: string,
  {
    color = false,
    layout = fittedLayout(),
    docsBase,
  }: { color?: boolean; layout?: TableLayout; docsBase?: string | undefined } = {},
): Iterable<string> {
  const file = scanFile(verification, scan);
  switch (format) {
    case 'json':
      return verifyJsonChunks(verification, file, toolVersion, docsBase);
    case 'sarif':
      return sarifChunks([file], toolVersion, { catalog: verifyRules, docsBase });
    case 'gcc':
      return [formatGcc([file])];
    case 'github':
      return [formatGithub([file])];
    default:
      return [formatVerifyText(verification, file, color, layout)];
  }
}
