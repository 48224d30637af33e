import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSource, type Source } from '../src/syntax/source.ts';

const root = new URL('..', import.meta.url).pathname;
export const fixtureDir = join(root, 'test/fixtures/inetd');
export const samplesDir = join(root, 'samples');

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((name) => name.endsWith('.conf')).sort();
}

export function sampleNames(): string[] {
  return readdirSync(samplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function readFixture(name: string): Source {
  const path = join(fixtureDir, name);
  return decodeSource(path, readFileSync(path));
}

export function readSample(name: string): Source {
  const path = join(samplesDir, name, 'inetd.conf');
  return decodeSource(path, readFileSync(path));
}

/** Every inetd.conf the invariant tests run over: the grammar fixtures and the samples. */
export function allInetdSources(): Array<[string, Source]> {
  return [
    ...fixtureNames().map((name) => [`fixture ${name}`, readFixture(name)] as [string, Source]),
    ...sampleNames().map((name) => [`sample ${name}`, readSample(name)] as [string, Source]),
  ];
}
