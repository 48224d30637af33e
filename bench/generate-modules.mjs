// Writes a tree of N modules, each a copy of a sample module's files with its own host names and a few changes,
// laid out as DIR/mNNNN/..., for timing `vos-audit ports` over many modules.
//   node bench/generate-modules.mjs DIR [N]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/generate-modules.mjs DIR [N]   (N: default 1000)';
const { positionals } = commandLine({
  usage,
  about: 'Writes N modules, copies of the samples, as DIR/m0000/…',
  min: 1,
  max: 2,
});
const [dir] = positionals;
const modules = count(positionals[1] ?? '1000', 'N', usage);
const samples = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const templates = readdirSync(samples).filter((name) => statSync(join(samples, name)).isDirectory());

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const templateFiles = templates.map((name) =>
  files(join(samples, name)).map((path) => [relative(join(samples, name), path), readFileSync(path, 'utf8')]),
);
for (let i = 0; i < modules; i++) {
  const module = join(dir, `m${String(i).padStart(4, '0')}`);
  for (const [path, text] of templateFiles[i % templateFiles.length]) {
    mkdirSync(dirname(join(module, path)), { recursive: true });
    writeFileSync(join(module, path), text.replaceAll('m1', `m${i}`).replace('-priority 6', `-priority ${i % 10}`));
  }
}
