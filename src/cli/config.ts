import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { escape, Minimatch } from 'minimatch';
import { isProductCode } from '../catalog/products.ts';
import { programName } from '../catalog/program-name.ts';
import { acceptedReleaseForms, parseRelease } from '../catalog/releases.ts';
import type { DeclaredPort } from '../model/settings.ts';
import { firewallOverrides, type Fail } from './firewall-overrides.ts';
import { readFact, type SiteFacts, type StatedFact } from '../model/site-facts.ts';
import { describeIoError, UserError } from '../io/errors.ts';
import { NotReadable, readThroughDirectory, resolveInside } from '../io/read.ts';
import { canonicalAddress } from '../util/address.ts';
import { JsonSyntaxError, parseLocatedJson, type JsonPath, type LocatedJson } from '../util/located-json.ts';
import { nearest } from '../util/nearest.ts';
import { ruleIds } from '../rules/registry.ts';
import type { Severity } from '../model/settings.ts';
import type { StatedSettings } from './settings.ts';

export const configName = '.vos-audit.json';

/** A configuration is a few lines; a larger one is a mistake (`--config /dev/zero`), refused before it is parsed. */
export const maxConfigBytes = 1024 * 1024;

/** A `.vos-audit.json`: what the modules below it are, which rules apply how, which files to leave out. */
export interface Config extends StatedSettings {
  path: string;
  ruleLevels: ReadonlyMap<string, Severity | 'off'>;
  /** Globs relative to the config file's directory. */
  ignore: Minimatch[];
}

const keys = [
  'release',
  'products',
  'nio',
  'nioAddress',
  'address',
  'system',
  'maxOpenServer',
  'backboneMaxOpenServer',
  'bridge',
  'daemons',
  'facts',
  'firewall',
  'rules',
  'ignore',
];
const levels = ['off', 'info', 'warning', 'error'];

/**
 * `**` any path, `*` any part of a name, `?` one character, every other character itself (no braces, classes or
 * negation); matched against paths relative to the config. minimatch rather than a regular expression of our own:
 * it matches without backtracking, so that no glob a repository commits can make a run take minutes.
 */
function compileGlob(glob: string): Minimatch {
  const literal = glob.replace(/[^*?]+/g, (text) => escape(text));
  return new Minimatch(literal, {
    dot: true,
    nobrace: true,
    noext: true,
    nonegate: true,
    nocomment: true,
    platform: 'linux',
  });
}

const declaredPort = /^(\d{1,5})\/(tcp|udp)$/;

/** `{"mysql_daemon": ["3306/tcp"], "sysmon": []}`: the ports each site program opens, by name; [] for none. */
function siteDaemons(value: unknown, fail: Fail): Map<string, DeclaredPort[]> {
  const expected = `'daemons' must map program names to lists of ports such as {"mysql_daemon": ["3306/tcp"]}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(expected, ['daemons']);
  const daemons = new Map<string, DeclaredPort[]>();
  for (const [program, ports] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(ports))
      fail(`each program in 'daemons' must have a list of ports such as ["3306/tcp"] or []`, ['daemons', program]);
    daemons.set(
      programName(program),
      (ports as unknown[]).map((port, i) => {
        const match = typeof port === 'string' ? declaredPort.exec(port) : null;
        if (match === null || Number(match[1]) > 65535)
          return fail(`a port in 'daemons' must be a port and protocol such as "3306/tcp" or "514/udp"`, [
            'daemons',
            program,
            i,
          ]);
        return { port: Number(match[1]), transport: match[2] as DeclaredPort['transport'] };
      }),
    );
  }
  return daemons;
}

/** `{"exists -file x": true, "max_servs": 4}`: what the site states about its macros' conditions. */
function siteFacts(value: unknown, from: string, keyAt: (at: JsonPath) => string, fail: Fail): SiteFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`'facts' must map conditions or variables to their truth or value, such as {"max_servs": 4}`, [
      'facts',
    ]);
  const conditions = new Map<string, StatedFact>();
  const variables = new Map<string, StatedFact>();
  for (const [text, stated] of Object.entries(value as Record<string, unknown>)) {
    const read = readFact(text, stated, from, keyAt(['facts', text]));
    if ('expected' in read) return fail(`the fact '${text}' must be ${read.expected}`, ['facts', text]);
    (read.kind === 'condition' ? conditions : variables).set(read.key, read.fact);
  }
  return { conditions, variables };
}

/** A VOS system name as new_modules.tin writes it: never blank, never a path. */
export const systemName = /^[A-Za-z0-9_.$#-]{1,32}$/;

/**
 * The largest max_open_server each file may give: OSL runs from 3000 to "3XXX where XXX is 2 times the
 * max_open_server number defined in the new_modules.tin file", so 2 × 499 keeps it below OSN's 4000; OSN to "4XXX
 * where XXX is the max_open_server number defined in the new_backbone_systems.tin file" (the article).
 */
export const maxOpenServerLimits = {
  maxOpenServer: { last: 499, file: 'new_modules.tin', range: 'OSL: 3000 to 3000 + 2 × it, below 4000' },
  backboneMaxOpenServer: { last: 999, file: 'new_backbone_systems.tin', range: 'OSN: 4000 to 4000 + it' },
} as const;

/** max_open_server of one of those files: a count of servers, from 1 to its limit. */
export function isMaxOpenServer(value: unknown, key: keyof typeof maxOpenServerLimits): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maxOpenServerLimits[key].last;
}

/** What a max_open_server must be, for a message. */
export function maxOpenServerExpected(key: keyof typeof maxOpenServerLimits): string {
  const { last, file, range } = maxOpenServerLimits[key];
  return `a whole number from 1 to ${last} (max_open_server of ${file}; ${range})`;
}

/** An address or a list of them (`address`, `nioAddress`), each canonical and listed once. */
function addressList(value: unknown, key: 'address' | 'nioAddress', fail: Fail): string[] {
  const whose = key === 'address' ? "the module's IPv4 or IPv6 address" : "the NIO's address";
  const expected = `'${key}' must be ${whose}, or a list of them, such as "10.1.2.3" or ["10.1.2.3", "fd00::3"]`;
  const list: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) return fail(expected, [key]);
  const at = (i: number) => (typeof value === 'string' ? [key] : [key, i]);
  const valid = (item: unknown) => typeof item === 'string' && !item.includes('%') && canonicalAddress(item);
  return [...new Set(list.map((item, i) => valid(item) || fail(expected, at(i))))];
}

/**
 * A configuration's text as JSON, with where each value is. A `.vos-audit.json` found by looking up from a module
 * is read only if it resolves inside the directory it is in, as a file found by walking must stay inside the
 * directory given; `--config FILE` is followed, as any file named on the command line. A message says where the
 * JSON is wrong and what was expected there, never what is there: the bytes may be anyone's.
 */
function readConfig(path: string, found: boolean): LocatedJson {
  let bytes: Buffer;
  try {
    const tree = found
      ? { path: realpathSync.native(dirname(path), { encoding: 'buffer' }), named: 'the directory it is in' }
      : undefined;
    const target = tree ? resolveInside(path, tree) : realpathSync.native(path, { encoding: 'buffer' });
    bytes = readThroughDirectory(target, maxConfigBytes, tree).bytes;
  } catch (error) {
    throw new UserError(
      error instanceof NotReadable ? `${path} ${error.message}; not read` : `${path}: ${describeIoError(error)}`,
    );
  }
  try {
    return parseLocatedJson(bytes.toString('utf8'));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = error.position;
    throw new UserError(`${path}:${line}:${column}: not valid JSON: ${error.message}`);
  }
}

/**
 * Reads and validates a config file (`found` by looking up from a module, or named); every mistake says where it
 * is, which key it concerns and what was expected.
 */
export function loadConfig(path: string, found = false, cwd = process.cwd()): Config {
  const document = readConfig(path, found);
  const position = (at: JsonPath, key?: 'key') => {
    const { line, column } = key ? document.keyAt(at) : document.at(at);
    return `${path}:${line}:${column}`;
  };
  const fail: Fail = (what, at = [], key) => {
    throw new UserError(`${position(at, key)}: ${what}`);
  };
  const raw = document.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('expected a JSON object such as {"release": "15.2"}');
  const object = raw as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!keys.includes(key)) {
      const guess = nearest(key, keys);
      fail(`unknown key${guess ? `; did you mean '${guess}'?` : `; expected one of ${keys.join(', ')}`}`, [key], 'key');
    }
  }
  const config: Config = { path, ruleLevels: new Map(), ignore: [] };
  if (object.release !== undefined) {
    const release = typeof object.release === 'string' ? parseRelease(object.release) : undefined;
    config.release = release ?? fail(`'release' must be a VOS release: ${acceptedReleaseForms}`, ['release']);
  }
  for (const key of ['maxOpenServer', 'backboneMaxOpenServer'] as const) {
    const value = object[key];
    if (value === undefined) continue;
    config[key] = isMaxOpenServer(value, key) ? value : fail(`'${key}' must be ${maxOpenServerExpected(key)}`, [key]);
  }
  if (object.bridge !== undefined) {
    if (typeof object.bridge !== 'boolean')
      fail(`'bridge' must be true or false (whether the module is its system's bridge module)`, ['bridge']);
    config.bridge = object.bridge;
  }
  if (object.facts !== undefined) {
    const shown = relative(process.cwd(), path) || path;
    const keyAt = (at: JsonPath) => `${shown}${position(at, 'key').slice(path.length)}`;
    config.facts = siteFacts(object.facts, shown, keyAt, fail);
  }
  const named = relative(cwd, path) || path;
  if (object.firewall !== undefined)
    config.firewall = firewallOverrides(object.firewall, fail, (at) => `${named}${position(at).slice(path.length)}`);
  if (object.daemons !== undefined) config.daemons = { from: named, ports: siteDaemons(object.daemons, fail) };
  if (object.nio !== undefined) {
    if (typeof object.nio !== 'boolean') fail(`'nio' must be true or false`, ['nio']);
    config.nio = object.nio;
  }
  if (object.address !== undefined) config.addresses = addressList(object.address, 'address', fail);
  if (object.nioAddress !== undefined) config.nioAddresses = addressList(object.nioAddress, 'nioAddress', fail);
  if (object.system !== undefined) {
    if (typeof object.system !== 'string' || !systemName.test(object.system))
      fail(`'system' must be the VOS system's name, such as "sys1" (letters, digits, _ - . $ #)`, ['system']);
    config.system = object.system;
  }
  if (object.products !== undefined) {
    const products = object.products;
    if (!Array.isArray(products) || products.some((p) => typeof p !== 'string' || !isProductCode(p))) {
      fail(`'products' must be a list of product codes such as ["S270", "S269"]`, ['products']);
    }
    config.products = new Set((products as string[]).map((p) => p.toUpperCase()));
  }
  if (object.rules !== undefined) {
    if (typeof object.rules !== 'object' || object.rules === null || Array.isArray(object.rules))
      fail(`'rules' must map rule ids to off, info, warning or error`, ['rules']);
    for (const [id, level] of Object.entries(object.rules as Record<string, unknown>)) {
      if (!ruleIds.includes(id)) {
        const guess = nearest(id, ruleIds);
        fail(
          `unknown rule id in 'rules'${guess ? `; did you mean '${guess}'?` : '; `vos-audit rules` lists them'}`,
          ['rules', id],
          'key',
        );
      }
      if (typeof level !== 'string' || !levels.includes(level))
        fail(`'rules.${id}' must be off, info, warning or error`, ['rules', id]);
      (config.ruleLevels as Map<string, Severity | 'off'>).set(id, level as Severity | 'off');
    }
  }
  if (object.ignore !== undefined) {
    if (!Array.isArray(object.ignore) || object.ignore.some((g) => typeof g !== 'string' || g === ''))
      fail(`'ignore' must be a list of globs such as ["old/**"]`, ['ignore']);
    config.ignore = (object.ignore as string[]).map(compileGlob);
  }
  return config;
}

/** Whether there is anything of that name, not following a link; a directory that cannot be searched has nothing. */
function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The nearest `.vos-audit.json` in a directory or above it, up to `top` when given, whatever it is: a link that
 * leads nowhere is found too, and refused when read, rather than passed over for one further up.
 */
export function findConfig(directory: string, top?: string): string | undefined {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    const candidate = join(dir, configName);
    if (exists(candidate)) return candidate;
    if (dirname(dir) === dir || dir === top) return undefined;
  }
}

/** Whether a glob matches the path or a directory it is in (`archive` leaves out everything under archive/). */
export function ignored(config: Config | undefined, path: string, cwd = process.cwd()): boolean {
  if (config === undefined || config.ignore.length === 0) return false;
  const names = relative(dirname(config.path), resolve(cwd, path)).split(/[\\/]/);
  const shown = names.map((_, i) => names.slice(0, i + 1).join('/'));
  return config.ignore.some((glob) => shown.some((candidate) => glob.match(candidate)));
}
