import type { Connection, Listener, ListenerState, ModuleModel } from './listener.ts';
import type { Place } from './place.ts';
import { declaredPortsText, type Settings } from './settings.ts';

/**
 * A piece of evidence as two sides of a change can compare it: the file (its name on the new side, followed across
 * a rename) and the text of its line with blanks normalised, so that lines moving never count as a change; with
 * where it is shown (`m1/inetd.conf:12`).
 */
export interface EvidenceLine {
  file: string;
  text: string;
  shown: string;
}

/** One row of the port table as a change shows it: what it is, its state, and what says so. */
export interface ExposureRow {
  kind: 'listener' | 'connection';
  protocol: string;
  /** `23`, `3000–3998`, `to 1812`, `from 20`, `varying`. */
  port: string;
  /** The daemon of a listener, the program of a connection. */
  program: string;
  service?: string;
  state: ListenerState;
  condition?: string;
  /** Who tcpd lets connect, for a wrapped listener. */
  admits?: string;
  evidence: EvidenceLine[];
}

/** What makes two rows the same row on both sides: what it is, never where or how it is exposed. */
const identity = (row: ExposureRow) => [row.kind, row.protocol, row.program, row.service ?? ''].join('\0');

export type ChangeKind = 'opened' | 'closed' | 'changed';

export const changedFields = ['state', 'condition', 'port', 'admits', 'evidence'] as const;
export type ChangedField = (typeof changedFields)[number];

export interface RowChange {
  change: ChangeKind;
  before?: ExposureRow;
  after?: ExposureRow;
  /** What differs between the two sides (every field when the row is on one side only). */
  fields: ChangedField[];
}

export interface SettingChange {
  setting: string;
  before?: string;
  after?: string;
}

export type ModuleChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface ModuleChange {
  /** The module's name on the new side (on the old side, when it was removed). */
  name: string;
  /** Its name on the old side, when it was renamed. */
  from?: string;
  kind: ModuleChangeKind;
  settings: SettingChange[];
  rows: RowChange[];
}

/** A module's exposure as the comparison reads it: its rows and the settings it was modelled with, as text. */
export interface ModuleExposure {
  /** What pairs it with the other side: its path below the tree compared, on the new side's terms. */
  key: string;
  /** Where it is on its own side, as shown. */
  name: string;
  rows: ExposureRow[];
  settings: ReadonlyMap<string, string>;
}

/** How exposed a state is: a live port is open, a conditional one may be, one that is off or dead is not. */
const exposure: Record<ListenerState, number> = { live: 2, conditional: 1, dead: 0, off: 0 };

function classify(before: ExposureRow | undefined, after: ExposureRow | undefined): ChangeKind {
  const was = before ? exposure[before.state] : 0;
  const is = after ? exposure[after.state] : 0;
  if (was === 0 && is > 0) return 'opened';
  if (was > 0 && is === 0) return 'closed';
  return 'changed';
}

const evidenceKey = (row: ExposureRow) => row.evidence.map((line) => `${line.file}\0${line.text}`).join('\n');

function differences(before: ExposureRow, after: ExposureRow): ChangedField[] {
  const fields: ChangedField[] = [];
  if (before.state !== after.state) fields.push('state');
  if ((before.condition ?? '') !== (after.condition ?? '')) fields.push('condition');
  if (before.port !== after.port) fields.push('port');
  if ((before.admits ?? '') !== (after.admits ?? '')) fields.push('admits');
  if (evidenceKey(before) !== evidenceKey(after)) fields.push('evidence');
  return fields;
}

/** A row that is on one side only and not exposed there (an entry commented out and removed) changes nothing. */
const exposedOnEitherSide = (change: RowChange) => change.change !== 'changed' || change.fields.length > 0;

/**
 * Pairs the rows of the two sides by what they are; among several of one identity, those on the same port pair
 * first, then the rest in order.
 */
function pairRows(before: readonly ExposureRow[], after: readonly ExposureRow[]): RowChange[] {
  const unpaired = new Map<string, ExposureRow[]>();
  for (const row of before) unpaired.set(identity(row), [...(unpaired.get(identity(row)) ?? []), row]);
  const changes: RowChange[] = [];
  const pending: ExposureRow[] = [];
  for (const row of after) {
    const candidates = unpaired.get(identity(row)) ?? [];
    const at = candidates.findIndex((candidate) => candidate.port === row.port);
    if (at === -1) {
      pending.push(row);
      continue;
    }
    const [old] = candidates.splice(at, 1);
    changes.push({ change: classify(old, row), before: old!, after: row, fields: differences(old!, row) });
  }
  for (const row of pending) {
    const old = unpaired.get(identity(row))?.shift();
    const fields = old ? differences(old, row) : [...changedFields];
    changes.push({ change: classify(old, row), ...(old && { before: old }), after: row, fields });
  }
  for (const rows of unpaired.values())
    for (const old of rows) changes.push({ change: classify(old, undefined), before: old, fields: [...changedFields] });
  return changes.filter(exposedOnEitherSide).filter((change) => !onlyUnexposed(change));
}

/** A row that appears or disappears while it is off or dead on the side it is on is no change of exposure. */
function onlyUnexposed(change: RowChange): boolean {
  const row = change.before ?? change.after!;
  return (change.before === undefined || change.after === undefined) && exposure[row.state] === 0;
}

function settingChanges(before: ModuleExposure, after: ModuleExposure): SettingChange[] {
  const names = [...new Set([...before.settings.keys(), ...after.settings.keys()])].sort();
  return names.flatMap((setting) => {
    const was = before.settings.get(setting);
    const is = after.settings.get(setting);
    if (was === is) return [];
    return [{ setting, ...(was !== undefined && { before: was }), ...(is !== undefined && { after: is }) }];
  });
}

/** One module's change; undefined when nothing that is exposed or stated differs. */
export function compareModule(
  before: ModuleExposure | undefined,
  after: ModuleExposure | undefined,
): ModuleChange | undefined {
  const empty: ModuleExposure = { key: '', name: '', rows: [], settings: new Map() };
  const rows = pairRows((before ?? empty).rows, (after ?? empty).rows);
  const settings = before && after ? settingChanges(before, after) : [];
  const name = (after ?? before)!.name;
  const kind: ModuleChangeKind =
    before === undefined ? 'added' : after === undefined ? 'removed' : before.key !== after.key ? 'renamed' : 'changed';
  if (kind === 'changed' && rows.length === 0 && settings.length === 0) return undefined;
  return { name, ...(kind === 'renamed' && { from: before!.name }), kind, settings, rows };
}

export interface ExposureChange {
  modules: ModuleChange[];
  summary: Record<ChangeKind, number> & Record<'added' | 'removed' | 'renamed', number>;
}

/** A module on both sides, or on one; two with different keys are a module renamed. */
export interface ModulePair {
  before?: ModuleExposure;
  after?: ModuleExposure;
}

/** The change between two sets of modules, paired by the caller. */
export function compareExposures(pairs: Iterable<ModulePair>): ExposureChange {
  const modules = [...pairs].flatMap((pair) => compareModule(pair.before, pair.after) ?? []);
  const summary = { opened: 0, closed: 0, changed: 0, added: 0, removed: 0, renamed: 0 };
  for (const module of modules) {
    if (module.kind !== 'changed') summary[module.kind]++;
    for (const row of module.rows) summary[row.change]++;
  }
  return { modules, summary };
}

/** Whether a change opens anything: a port or traffic that was not exposed and is now live or may be. */
export const opensAnything = (change: ExposureChange) => change.summary.opened > 0;

/** How a change reads a module's files: the text of a place's line, and the file's name on the new side. */
export interface EvidenceReader {
  lineText(place: Place): string;
  fileKey(file: string): string;
}

const normalised = (text: string) => text.trim().replace(/\s+/g, ' ');

function evidenceOf(places: readonly Place[], reader: EvidenceReader): EvidenceLine[] {
  return places.map((place) => ({
    file: reader.fileKey(place.file),
    text: normalised(reader.lineText(place)),
    shown: `${place.file}:${place.position.start.line}`,
  }));
}

function listenerPort(listener: Listener): string {
  if (listener.lastPort !== undefined) return `${listener.port}–${listener.lastPort}`;
  return listener.rangeEnd ? `${listener.port}–${listener.rangeEnd}` : String(listener.port);
}

function connectionPort(connection: Connection): string {
  if (connection.port === undefined) return 'varying';
  return connection.kind === 'source port' ? `from ${connection.port}` : `to ${connection.port}`;
}

/** A module's model as rows a change compares. */
export function exposureRows(model: ModuleModel, reader: EvidenceReader): ExposureRow[] {
  const listeners = model.listeners.map((listener): ExposureRow => ({
    kind: 'listener',
    protocol: listener.protocol,
    port: listenerPort(listener),
    program: listener.daemon,
    ...(listener.service !== undefined && { service: listener.service }),
    state: listener.state,
    ...(listener.condition !== undefined && { condition: listener.condition }),
    ...(listener.admits !== undefined && { admits: listener.admits.text }),
    evidence: evidenceOf(listener.evidence, reader),
  }));
  const connections = model.connections.map((connection): ExposureRow => ({
    kind: 'connection',
    protocol: connection.protocol,
    port: connectionPort(connection),
    program: connection.program,
    service: connection.kind,
    state: connection.state,
    ...(connection.condition !== undefined && { condition: connection.condition }),
    evidence: evidenceOf(connection.evidence, reader),
  }));
  return [...listeners, ...connections];
}

/** The line of a text that holds an offset, without its line end. */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.slice(start).search(/\r|\n/);
  return end === -1 ? text.slice(start) : text.slice(start, start + end);
}

/** What a module was modelled with, as text a change shows (`release: 15.2`); the defaults left out. */
export function settingsText(settings: Settings): Map<string, string> {
  const shown = new Map<string, string>();
  const put = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) shown.set(name, String(value));
  };
  put('release', settings.release?.text);
  if (settings.nio) put('nio', true);
  put('products', settings.products && [...settings.products].sort().join(','));
  put('maxOpenServer', settings.maxOpenServer);
  put('backboneMaxOpenServer', settings.backboneMaxOpenServer);
  put('bridge', settings.bridge);
  put('address', settings.addresses?.join(','));
  put('nioAddress', settings.nioAddresses?.join(','));
  put('system', settings.system);
  for (const [program, ports] of settings.daemons?.ports ?? [])
    put(`daemons.${program}`, declaredPortsText(ports, ','));
  for (const [rule, level] of settings.ruleLevels) put(`rules.${rule}`, level);
  return shown;
}
