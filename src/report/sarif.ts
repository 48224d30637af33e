import { jsonChunks } from './json-chunks.ts';
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportedFile } from '../engine/audit.ts';
import { fixesOf, type Message } from '../engine/message.ts';
import { ruleUrl, rules } from '../rules/registry.ts';
import type { Severity } from '../model/settings.ts';
import { LineIndex, type Position } from '../syntax/position.ts';
import { encodeSource } from '../syntax/source.ts';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const sourceRoot = 'SRCROOT';

/** SARIF asks for messages that are sentences. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `telnet-without-sshd` → `TelnetWithoutSshd`: the friendly name SARIF wants beside the id. */
function friendlyName(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_m, _dash, c: string) => c.toUpperCase());
}

function uri(path: string): string {
  return path.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}

/**
 * Where a file is, for tools: relative to the working directory (SRCROOT) and normalised when it is below it,
 * else an absolute file URI; the text report shows the path as the user spelt it, `/etc/../tmp/m1` or `../m1`.
 */
function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(cwd, path);
  const below = relative(cwd, absolute);
  if (below !== '' && !below.startsWith('..') && !isAbsolute(below)) return { uri: uri(below), uriBaseId: sourceRoot };
  return { uri: pathToFileURL(absolute).href };
}

function region(position: Position) {
  return {
    startLine: position.start.line,
    startColumn: position.start.column,
    endLine: position.end.line,
    endColumn: position.end.column,
    charOffset: position.start.offset,
    charLength: position.end.offset - position.start.offset,
  };
}

/** What SARIF's rule list says of a rule, or of one of `verify`'s checks. */
export interface SarifRule {
  id: string;
  severity: Severity;
  summary: string;
  rationale: string;
  url: string;
  tags: string[];
}

const auditRules = (): SarifRule[] =>
  rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    summary: rule.docs.summary,
    rationale: rule.docs.rationale,
    url: ruleUrl(rule),
    tags: ['security', 'vos', rule.scope],
  }));

function describeRule(rule: SarifRule) {
  return {
    id: rule.id,
    name: friendlyName(rule.id),
    shortDescription: { text: sentence(rule.summary) },
    fullDescription: { text: sentence(rule.rationale.replace(/\s*\n\s*/g, ' ').replace(/`/g, '')) },
    helpUri: rule.url,
    help: { text: `See ${rule.url}.` },
    defaultConfiguration: { level: levels[rule.severity] },
    properties: { tags: rule.tags },
  };
}

/** The finding's cause, in its own file, and the places in other files that explain it. */
function relatedLocations(message: Message, artifact: object, cwd: string) {
  const locations = [
    ...(message.cause
      ? [{ message: message.cause.reason, artifactLocation: artifact, place: message.cause.place }]
      : []),
    ...(message.related ?? []).map((r) => ({
      message: r.reason,
      artifactLocation: artifactLocation(r.file, cwd),
      place: r.place,
    })),
  ];
  return locations.map((location, i) => ({
    id: i + 1,
    message: { text: sentence(location.message) },
    physicalLocation: { artifactLocation: location.artifactLocation, region: region(location.place) },
  }));
}

const maxFingerprintLine = 4096;

/** A fingerprint that survives lines moving: rule, file, the text of the line, and which such finding it is. */
function fingerprint(message: Message, text: string, index: LineIndex, seen: Map<string, number>): string {
  const start = index.lineStart(message.place.start.line);
  const end = index.lineContentEnd(message.place.start.line);
  // A line longer than any configuration line (a scan written on one line) is known by the text where the finding
  // is: hashing the whole line again for each of its findings would cost its length each time.
  const line = (
    end - start > maxFingerprintLine
      ? text.slice(message.place.start.offset, message.place.start.offset + maxFingerprintLine)
      : text.slice(start, end)
  ).trim();
  const key = `${message.ruleId}\u0000${message.file}\u0000${line}`;
  const occurrence = (seen.get(key) ?? 0) + 1;
  seen.set(key, occurrence);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`;
}

function fixes(message: Message, artifact: object, index: LineIndex) {
  return fixesOf(message, true).map((fix) => ({
    description: { text: sentence(fix.description) },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: fix.edits.map((edit) => ({
          deletedRegion: region(index.position(edit)),
          ...(edit.text !== '' && { insertedContent: { text: edit.text } }),
        })),
      },
    ],
  }));
}

/**
 * SARIF 2.1.0, as GitHub code scanning and the SARIF Multitool want it: rules, results, regions, fixes. `catalog` is
 * the rules the results may name: the audit's rules, or `verify`'s checks.
 */
export function formatSarif(
  results: readonly ReportedFile[],
  toolVersion: string,
  cwd = process.cwd(),
  catalog: readonly SarifRule[] = auditRules(),
): string {
  return [...sarifChunks(results, toolVersion, cwd, catalog)].join('');
}

/** The SARIF log in chunks, each result made as it is written: a scan's hundreds of thousands of results are never one string. */
export function sarifChunks(
  results: readonly ReportedFile[],
  toolVersion: string,
  cwd = process.cwd(),
  catalog: readonly SarifRule[] = auditRules(),
): Generator<string> {
  const ruleIndex = new Map(catalog.map((rule, i) => [rule.id, i]));
  const artifacts = results.map((result) => ({
    location: artifactLocation(result.source.path, cwd),
    roles: ['analysisTarget'],
    length: encodeSource(result.source, result.source.text).length,
    encoding: result.source.encoding === 'utf8' ? 'utf-8' : 'iso-8859-1',
  }));
  const seen = new Map<string, number>();
  function* sarifResults() {
    for (const [artifactIndex, result] of results.entries()) {
      const artifact = { ...artifactLocation(result.source.path, cwd), index: artifactIndex };
      const index = new LineIndex(result.output);
      for (const message of result.messages)
        yield {
          ruleId: message.ruleId,
          ruleIndex: ruleIndex.get(message.ruleId),
          level: levels[message.severity],
          message: { text: sentence(message.reason) },
          locations: [{ physicalLocation: { artifactLocation: artifact, region: region(message.place) } }],
          partialFingerprints: { 'vosAudit/v1': fingerprint(message, result.output, index, seen) },
          ...((message.cause || message.related?.length) && {
            relatedLocations: relatedLocations(message, artifact, cwd),
          }),
          ...((message.fix || message.suggestions) && { fixes: fixes(message, artifact, index) }),
        };
    }
  }
  const slot: unknown[] = [];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vos-audit',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://github.com/vos-audit/vos-audit',
            rules: catalog.map(describeRule),
          },
        },
        originalUriBaseIds: { [sourceRoot]: { uri: `${pathToFileURL(cwd).href}/` } },
        artifacts,
        results: slot,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return jsonChunks(log, slot, sarifResults());
}
