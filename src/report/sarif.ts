import { jsonChunks } from './json-chunks.ts';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportedFile } from '../engine/audit.ts';
import { findingIdentities } from '../engine/finding-identity.ts';
import { fixesOf, type Message } from '../engine/message.ts';
import { rules } from '../rules/registry.ts';
import { docsUrl, rulePage } from './docs-url.ts';
import { renderRulePage } from './rule-page.ts';
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

/** Markdown's code spans and line breaks taken out, for SARIF's plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/\s*\n\s*/g, ' ').replace(/`/g, '');
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
  /** Its page under docs/, linked only when a base URL is configured. */
  page: string;
  /** Its page in Markdown, as `vos-audit explain` prints it: the help that code scanning shows beside a result. */
  help: string;
  tags: string[];
}

const auditRules = (): SarifRule[] =>
  rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    summary: rule.docs.summary,
    rationale: rule.docs.rationale,
    page: rulePage(rule.id),
    help: renderRulePage(rule),
    tags: ['security', 'vos', rule.scope],
  }));

function describeRule(rule: SarifRule, docsBase: string | undefined) {
  const helpUri = docsUrl(docsBase, rule.page).url;
  const rationale = sentence(plain(rule.rationale));
  return {
    id: rule.id,
    name: friendlyName(rule.id),
    shortDescription: { text: sentence(rule.summary) },
    fullDescription: { text: rationale },
    ...(helpUri !== undefined && { helpUri }),
    help: {
      text: `${sentence(plain(rule.summary))} ${rationale} vos-audit explain ${rule.id} prints the whole page, with examples.`,
      markdown: rule.help,
    },
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
/**
 * What the audit knows of its findings beyond the files: each one's identity (the module is part of it), and with
 * --baseline its state against the baseline and the baseline's findings that are gone, in the files they were in.
 */
export interface SarifFindings {
  identity: ReadonlyMap<Message, string>;
  state?: ReadonlyMap<Message, 'new' | 'unchanged' | 'updated'>;
  absent?: ReadonlyArray<{ file: ReportedFile; message: Message; identity: string }>;
}

export function formatSarif(
  results: readonly ReportedFile[],
  toolVersion: string,
  findings?: SarifFindings,
  docsBase?: string,
): string {
  return [...sarifChunks(results, toolVersion, { findings, docsBase })].join('');
}

/** Where the log's paths are relative to, the rules its results may name, and the docs' base URL when there is one. */
export interface SarifContext {
  cwd?: string;
  catalog?: readonly SarifRule[];
  findings?: SarifFindings;
  docsBase?: string;
}

/** The SARIF log in chunks, each result made as it is written: a scan's hundreds of thousands of results are never one string. */
export function sarifChunks(
  results: readonly ReportedFile[],
  toolVersion: string,
  { cwd = process.cwd(), catalog = auditRules(), findings, docsBase }: SarifContext = {},
): Generator<string> {
  const ruleIndex = new Map(catalog.map((rule, i) => [rule.id, i]));
  const artifacts = results.map((result) => ({
    location: artifactLocation(result.source.path, cwd),
    roles: ['analysisTarget'],
    length: encodeSource(result.source, result.source.text).length,
    encoding: result.source.encoding === 'utf8' ? 'utf-8' : 'iso-8859-1',
  }));
  const result = (message: Message, artifact: object, identity: string, state?: string) => ({
    ruleId: message.ruleId,
    ruleIndex: ruleIndex.get(message.ruleId),
    level: levels[message.severity],
    message: { text: sentence(message.reason) },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: region(message.place) } }],
    partialFingerprints: { 'vosAudit/v1': identity },
    ...(state !== undefined && { baselineState: state }),
    ...((message.cause || message.related?.length) && {
      relatedLocations: relatedLocations(message, artifact, cwd),
    }),
  });
  function* sarifResults() {
    for (const [artifactIndex, file] of results.entries()) {
      const artifact = { ...artifactLocation(file.source.path, cwd), index: artifactIndex };
      const index = new LineIndex(file.output);
      const identities = findings
        ? file.messages.map((message) => findings.identity.get(message)!)
        : findingIdentities(file.messages, file.output, '', file.source.path);
      for (const [i, message] of file.messages.entries())
        yield {
          ...result(message, artifact, identities[i]!, findings?.state?.get(message)),
          ...((message.fix || message.suggestions) && { fixes: fixes(message, artifact, index) }),
        };
    }
    // The baseline's findings that are gone, where they were: their files need not exist any more.
    for (const gone of findings?.absent ?? [])
      yield result(gone.message, artifactLocation(gone.file.source.path, cwd), gone.identity, 'absent');
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
            ...(docsBase !== undefined && { informationUri: docsBase }),
            rules: catalog.map((rule) => describeRule(rule, docsBase)),
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
