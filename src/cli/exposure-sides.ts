import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { analyzeModule, type ModuleInput } from '../engine/audit.ts';
import { UserError } from '../io/errors.ts';
import { checkoutRevision, renamedSince } from '../io/git-revision.ts';
import {
  compareExposures,
  exposureRows,
  lineAt,
  settingsText,
  type ExposureChange,
  type ModuleExposure,
  type ModulePair,
} from '../model/exposure-change.ts';
import { readModules, type ModulesRead, type RequestBase } from './read-modules.ts';

/** One side of a change: its modules, and how their paths lead to keys both sides share. */
export interface Side extends ModulesRead {
  /** The directory the side's paths are relative to. */
  cwd: string;
  /** The directory keys are relative to: the work tree's top (or its counterpart), or the directory compared. */
  base: string;
  /** For the old side of --baseline: files renamed since, old key to new key. */
  renames?: ReadonlyMap<string, string>;
}

const keyOf = (side: Side, path: string) => {
  const key = relative(side.base, resolve(side.cwd, path)) || '.';
  return side.renames?.get(key) ?? key;
};

/** The files of a module by key, each with its kind and bytes: two modules with the same are modelled alike. */
function contentKey(module: ModuleInput, side: Side): string {
  const files = module.files.map(
    (file) => `${keyOf(side, file.source.path)}\0${file.kind}\0${Buffer.from(file.source.bytes).toString('latin1')}`,
  );
  return [...files.sort(), ...settingsText(module.settings)].join('\0\0');
}

function exposureOf(module: ModuleInput, key: string, side: Side): ModuleExposure {
  const texts = new Map(module.files.map((file) => [file.source.path, file.source.text]));
  const model = analyzeModule(module).model;
  const rows = exposureRows(model, {
    lineText: (place) => lineAt(texts.get(place.file) ?? '', place.position.start.offset),
    fileKey: (file) => keyOf(side, file),
  });
  return { key, name: module.name, rows, settings: settingsText(module.settings) };
}

/**
 * Pairs the modules of two sides: by key, then a module that is only on the old side with the module only on the
 * new side that one of its files was renamed into.
 */
function pairModules(
  before: Side,
  after: Side,
): Array<{ before?: ModuleInput; after?: ModuleInput; key: string; oldKey: string }> {
  const afterByKey = new Map(after.modules.map((module) => [keyOf(after, module.name), module]));
  const beforeByKey = new Map(
    before.modules.map((module) => [relative(before.base, resolve(before.cwd, module.name)) || '.', module]),
  );
  const onlyAfter = new Map([...afterByKey].filter(([key]) => !beforeByKey.has(key)));
  const moduleOfFile = new Map(
    [...onlyAfter].flatMap(([key, module]) =>
      module.files.map((file) => [keyOf(after, file.source.path), key] as const),
    ),
  );
  const pairs: Array<{ before?: ModuleInput; after?: ModuleInput; key: string; oldKey: string }> = [];
  const taken = new Set<string>();
  for (const [oldKey, module] of beforeByKey) {
    const key = afterByKey.has(oldKey)
      ? oldKey
      : module.files
          .map((file) => moduleOfFile.get(keyOf(before, file.source.path)))
          .find((k) => k !== undefined && !taken.has(k));
    if (key === undefined) {
      pairs.push({ before: module, key: oldKey, oldKey });
      continue;
    }
    taken.add(key);
    pairs.push({ before: module, after: afterByKey.get(key)!, key, oldKey });
  }
  for (const [key, module] of afterByKey)
    if (!taken.has(key) && !beforeByKey.has(key)) pairs.push({ after: module, key, oldKey: key });
  // In the new side's order, then what was removed.
  const order = new Map(after.modules.map((module, i) => [module, i]));
  const at = (pair: (typeof pairs)[number]) => (pair.after ? order.get(pair.after)! : Infinity);
  return pairs.sort((a, b) => at(a) - at(b));
}

/** The exposure change between two sides; a module whose files and settings are the same on both is not modelled. */
export function compareSides(before: Side, after: Side): ExposureChange {
  const pairs = pairModules(before, after).flatMap((pair): ModulePair[] => {
    if (
      pair.before &&
      pair.after &&
      pair.key === pair.oldKey &&
      contentKey(pair.before, before) === contentKey(pair.after, after)
    )
      return [];
    return [
      {
        ...(pair.before && { before: exposureOf(pair.before, pair.oldKey, before) }),
        ...(pair.after && { after: exposureOf(pair.after, pair.key, after) }),
      },
    ];
  });
  return compareExposures(pairs);
}

/** The work tree's side of --baseline: the paths read as every command reads them, keyed from the top. */
export function workTreeSide(request: RequestBase, top: string): Side {
  return { ...readModules(request), cwd: realpathSync(process.cwd()), base: top };
}

/**
 * The side of `revision`: the same paths, read by the same code from the revision's files written out of git; what
 * it says of them names the revision. Returns the work tree's top too, and the commit.
 */
export function revisionSide(request: RequestBase, revision: string): { side: Side; top: string; commit: string } {
  const tree = checkoutRevision(revision, request.paths);
  const atRevision = (text: string) => `at ${revision}: ${text.replaceAll(tree.root, tree.top)}`;
  try {
    let read: ModulesRead;
    try {
      read = readModules({ ...request, paths: tree.paths }, { cwd: tree.cwd, tree });
    } catch (error) {
      if (error instanceof UserError) throw new UserError(atRevision(error.message));
      throw error;
    }
    // Named as the work tree's files are, so that both sides show and pair the same names.
    const relocate = (path: string) => (path.startsWith(tree.root) ? tree.top + path.slice(tree.root.length) : path);
    const side: Side = {
      modules: read.modules.map((module) => ({
        ...module,
        name: relocate(module.name),
        files: module.files.map((file) => ({ ...file, source: { ...file.source, path: relocate(file.source.path) } })),
      })),
      problems: read.problems.map(atRevision),
      cwd: relocate(tree.cwd),
      base: tree.top,
      renames: renamedSince(tree),
    };
    return { side, top: tree.top, commit: tree.commit };
  } finally {
    tree.remove();
  }
}
