import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileKind } from '../../src/languages/registry.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { decodeSource, type Source } from '../../src/syntax/source.ts';

const root = new URL('../..', import.meta.url).pathname;
export const fixtureDir = join(root, 'test/fixtures/inetd');
export const samplesDir = join(root, 'samples');

function fixturesOf(kind: FileKind): string[] {
  const dir = join(root, 'test/fixtures', kind);
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(dir, e.name)).sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function read(path: string): Source {
  return decodeSource(path, readFileSync(path));
}

/** The grammar fixtures of a kind, by file name. */
export function fixtureNames(kind: FileKind = 'inetd'): string[] {
  return fixturesOf(kind).map((path) => relative(join(root, 'test/fixtures', kind), path));
}

export function readFixture(name: string, kind: FileKind = 'inetd'): Source {
  return read(join(root, 'test/fixtures', kind, name));
}

export function sampleNames(): string[] {
  return readdirSync(samplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Every file of a kind the invariant tests run over: the grammar fixtures and the samples' files. */
export function sourcesOfKind(kind: FileKind): Array<[string, Source]> {
  const samples = walk(samplesDir).filter((path) => kindByName(path) === kind).sort();
  return [
    ...fixturesOf(kind).map((path) => [`fixture ${relative(root, path)}`, read(path)] as [string, Source]),
    ...samples.map((path) => [`sample ${relative(samplesDir, path)}`, read(path)] as [string, Source]),
  ];
}

export function allInetdSources(): Array<[string, Source]> {
  return sourcesOfKind('inetd');
}
