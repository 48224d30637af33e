import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isProductCode } from '../catalog/products.ts';
import { parseRelease } from '../catalog/releases.ts';
import { describeIoError, UserError } from '../io/errors.ts';
import { readRegularFile } from '../io/read.ts';
import { canonicalAddress, isAddress } from '../util/ip.ts';
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
  ignore: RegExp[];
}

const keys = ['release', 'products', 'nio', 'nioAddress', 'rules', 'ignore'];
const levels = ['off', 'info', 'warning', 'error'];

/** `**` any path, `*` any name part, `?` one character; matched against paths relative to the config. */
function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      pattern += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') pattern += '[^/]*';
    else if (c === '?') pattern += '[^/]';
    else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}(?:/.*)?$`);
}

/** Reads and validates a config file; every mistake names the key and what was expected. */
export function loadConfig(path: string): Config {
  const fail = (what: string): never => {
    throw new UserError(`${path}: ${what}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readRegularFile(path, maxConfigBytes).toString('utf8'));
  } catch (error) {
    return fail(error instanceof SyntaxError ? `not valid JSON (${error.message})` : describeIoError(error));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('expected a JSON object such as {"release": "15.2"}');
  const object = raw as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!keys.includes(key)) {
      const guess = nearest(key, keys);
      fail(`unknown key '${key}'${guess ? `; did you mean '${guess}'?` : `; expected one of ${keys.join(', ')}`}`);
    }
  }
  const config: Config = { path, ruleLevels: new Map(), ignore: [] };
  if (object.release !== undefined) {
    const release = typeof object.release === 'string' ? parseRelease(object.release) : undefined;
    config.release = release ?? fail(`'release' must be a VOS release such as "15.1" or "15.1.0ar"`);
  }
  if (object.nio !== undefined) {
    if (typeof object.nio !== 'boolean') fail(`'nio' must be true or false`);
    config.nio = object.nio as boolean;
  }
  if (object.nioAddress !== undefined) {
    const given = typeof object.nioAddress === 'string' ? [object.nioAddress] : object.nioAddress;
    if (!Array.isArray(given) || given.length === 0 || given.some((a) => typeof a !== 'string' || !isAddress(a))) {
      fail(`'nioAddress' must be the NIO's address, or a list of them, such as "10.9.9.9" or ["10.9.9.9", "10.9.9.10"]`);
    }
    config.nioAddresses = (given as string[]).map(canonicalAddress);
  }
  if (object.products !== undefined) {
    const products = object.products;
    if (!Array.isArray(products) || products.some((p) => typeof p !== 'string' || !isProductCode(p))) {
      fail(`'products' must be a list of product codes such as ["S270", "S269"]`);
    }
    config.products = new Set((products as string[]).map((p) => p.toUpperCase()));
  }
  if (object.rules !== undefined) {
    if (typeof object.rules !== 'object' || object.rules === null || Array.isArray(object.rules)) fail(`'rules' must map rule ids to off, info, warning or error`);
    for (const [id, level] of Object.entries(object.rules as Record<string, unknown>)) {
      if (!ruleIds.includes(id)) {
        const guess = nearest(id, ruleIds);
        fail(`unknown rule 'rules.${id}'${guess ? `; did you mean '${guess}'?` : '; `vos-audit rules` lists them'}`);
      }
      if (typeof level !== 'string' || !levels.includes(level)) fail(`'rules.${id}' must be off, info, warning or error, not ${JSON.stringify(level)}`);
      (config.ruleLevels as Map<string, Severity | 'off'>).set(id, level as Severity | 'off');
    }
  }
  if (object.ignore !== undefined) {
    if (!Array.isArray(object.ignore) || object.ignore.some((g) => typeof g !== 'string' || g === '')) fail(`'ignore' must be a list of globs such as ["old/**"]`);
    config.ignore = (object.ignore as string[]).map(globToRegExp);
  }
  return config;
}

/** The nearest `.vos-audit.json` in a directory or above it. */
export function findConfig(directory: string): string | undefined {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    const candidate = join(dir, configName);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function ignored(config: Config | undefined, path: string): boolean {
  if (config === undefined || config.ignore.length === 0) return false;
  const shown = relative(dirname(config.path), resolve(path)).split('\\').join('/');
  return config.ignore.some((glob) => glob.test(shown));
}
