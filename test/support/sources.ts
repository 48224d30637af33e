import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kindByName, type FileKind } from '../../src/languages/registry.ts';
import { decodeSource, type Source } from '../../src/syntax/source.ts';

const root = new URL('../..', import.meta.url).pathname;
const fixturesDir = join(root, 'test/fixtures');
export const fixtureDir = join(fixturesDir, 'inetd');
export const samplesDir = join(root, 'samples');

function fixturesOf(kind: FileKind): string[] {
  const dir = join(fixturesDir, kind);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(dir, e.name))
    .sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function read(path: string): Source {
  return decodeSource(path, readFileSync(path));
}

/** A source as if read from a UTF-8 file with LF line ends. */
export function sourceOf(text: string, path = 'inetd.conf'): Source {
  return { path, text, encoding: 'utf8', bom: false, eol: 'lf', bytes: Buffer.from(text) };
}

/** The grammar fixtures of a kind, by file name. */
export function fixtureNames(kind: FileKind = 'inetd'): string[] {
  return fixturesOf(kind).map((path) => relative(join(fixturesDir, kind), path));
}

export function readFixture(name: string, kind: FileKind = 'inetd'): Source {
  return read(join(fixturesDir, kind, name));
}

export function sampleNames(): string[] {
  return readdirSync(samplesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Every file under samples/, by its path from there. */
export function samplePaths(): string[] {
  return walk(samplesDir)
    .map((path) => relative(samplesDir, path))
    .sort();
}

/** Every file of a kind the invariant tests run over: the grammar fixtures and the samples' files. */
export function sourcesOfKind(kind: FileKind): Array<[string, Source]> {
  const samples = walk(samplesDir)
    .filter((path) => kindByName(path) === kind)
    .sort();
  return [
    ...fixturesOf(kind).map((path) => [`fixture ${relative(root, path)}`, read(path)] as [string, Source]),
    ...samples.map((path) => [`sample ${relative(samplesDir, path)}`, read(path)] as [string, Source]),
  ];
}

export function allInetdSources(): Array<[string, Source]> {
  return sourcesOfKind('inetd');
}

/** Makes `dir/name` a module of one file, the stock inetd.conf; `name` may be bytes that are not UTF-8. */
export function stockModuleAt(dir: string, name: string | Buffer): void {
  const path = typeof name === 'string' ? join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]);
  mkdirSync(path);
  writeFileSync(
    Buffer.concat([Buffer.from(path), Buffer.from('/inetd.conf')]),
    readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf')),
  );
}
