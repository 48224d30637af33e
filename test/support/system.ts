import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplesDir } from './sources.ts';

/** The samples that are one module each (a directory of files, no module directories inside). */
function moduleSamples(): string[] {
  return readdirSync(samplesDir)
    .filter((name) => statSync(join(samplesDir, name)).isDirectory())
    .filter((name) =>
      readdirSync(join(samplesDir, name)).every((file) => !statSync(join(samplesDir, name, file)).isDirectory()),
    )
    .sort();
}

/**
 * Writes a VOS system of `count` modules into `directory`, as `mNNNN/`: each a copy of a one-module sample in turn,
 * with a `.vos-audit.json` that adds its release, products, address (from 192.0.2.0/24 and 198.51.100.0/24), one of
 * `systems` systems and, for the first module of each system, the bridge. Returns the modules' directories.
 */
export function writeSystem(directory: string, count: number, systems = 4): string[] {
  const samples = moduleSamples();
  return Array.from({ length: count }, (_, i) => {
    const module = join(directory, `m${String(i).padStart(4, '0')}`);
    mkdirSync(module, { recursive: true });
    const sample = join(samplesDir, samples[i % samples.length]!);
    cpSync(sample, module, { recursive: true });
    const configPath = join(module, '.vos-audit.json');
    const own = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : {};
    const config = {
      ...own,
      release: '17.1',
      products: ['S270'],
      address: i < 250 ? `192.0.2.${i + 1}` : `198.51.100.${(i % 250) + 1}`,
      system: `sys${i % systems}`,
      bridge: i < systems,
      maxOpenServer: 50,
    };
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
    return module;
  });
}
