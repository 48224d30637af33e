import { dirname } from 'node:path';
import type { ModuleInput } from '../engine/audit.ts';
import type { SourceOfKind } from '../model/files.ts';
import { discoverModules, expandToModules, type DiscoveredFile } from '../io/discover.ts';
import { megabytes, readSource } from '../io/read.ts';
import {
  fileKinds,
  kindByContent,
  kindByName,
  knownNamesText,
  languageOf,
  type FileKind,
} from '../languages/registry.ts';
import { findConfig, ignored, loadConfig, type Config } from './config.ts';
import type { Remark } from './remarks.ts';
import { resolveSettings, type StatedSettings } from './settings.ts';

/** What every command that reads modules is asked: the paths, and what the command line says about them. */
export interface RequestBase {
  paths: string[];
  /** What the command line states about every module; the rest comes from each module's .vos-audit.json. */
  settings: StatedSettings;
  /** `--config FILE`: this configuration for every module, instead of the nearest .vos-audit.json. */
  config?: string;
  /** `--kind FILE=KIND`: kinds stated by the user, by path as given. */
  kinds: ReadonlyMap<string, FileKind>;
  /** Each file named stands for its whole module (the pre-commit hooks). */
  expandModules?: boolean;
  /** Every note on stderr on a line of its own, rather than grouped within one screen. */
  verbose?: boolean;
  /** Reads standard input, for the path `-`. */
  readStandardInput?: () => Buffer;
  toolVersion: string;
  /** Where a copy of docs/ is published (VOS_AUDIT_DOCS_URL), for the reports' links; none when not set. */
  docsBase?: string;
}

export interface ModulesRead {
  /** The modules with at least one file read. */
  modules: ModuleInput[];
  /** One line per path vos-audit could not read or recognise. */
  problems: string[];
}

const unknownKind = (path: string) =>
  `${path}: not a file vos-audit knows by its name or content (it reads ${knownNamesText}); ` +
  `say which with --kind ${path}=${fileKinds.join('|')}`;

function readFile(found: DiscoveredFile, request: RequestBase, problems: string[]): SourceOfKind[] {
  const read = readSource(found, request.readStandardInput);
  if (!read.ok) {
    problems.push(read.reason);
    return [];
  }
  const kind =
    request.kinds.get(found.path) ??
    kindByName(found.path) ??
    (found.explicit ? kindByContent(read.source.text) : undefined);
  if (kind === undefined) {
    problems.push(unknownKind(found.path));
    return [];
  }
  const { maxBytes, title } = languageOf(kind);
  if (read.source.bytes.length > maxBytes) {
    const size = megabytes(read.source.bytes.length, 1);
    problems.push(
      `${found.path} is ${size}, more than the ${megabytes(maxBytes)} vos-audit reads of ${title}; not read`,
    );
    return [];
  }
  return [{ source: read.source, kind }];
}

/**
 * Where the paths are read: the working directory, or its counterpart in a tree written out of git (whose
 * configurations are looked for up to its top, then above the work tree on disk).
 */
export interface ReadAt {
  cwd: string;
  tree?: { root: string; top: string };
}

/** The nearest configuration of a module's directory. */
function configOf(directory: string, at: ReadAt): string | undefined {
  if (at.tree === undefined) return findConfig(directory);
  return findConfig(directory, at.tree.root) ?? findConfig(dirname(at.tree.top));
}

/**
 * Finds the modules, each with the settings of its .vos-audit.json (or --config) and the files it does not ignore.
 * A configuration that cannot be read throws a UserError.
 */
export function readModules(request: RequestBase, at: ReadAt = { cwd: process.cwd() }): ModulesRead {
  const problems: string[] = [];
  const { cwd } = at;
  const paths = request.expandModules ? expandToModules(request.paths, cwd) : request.paths;
  const configs = new Map<string, Config>();
  const configAt = (path: string | undefined) => {
    if (path !== undefined && !configs.has(path)) configs.set(path, loadConfig(path, path !== request.config, cwd));
    return path === undefined ? undefined : configs.get(path);
  };
  const modules = discoverModules(paths, { problems, cwd }).map((module) => {
    const config = configAt(request.config ?? configOf(module.directory, at));
    const files = module.files.filter((found) => found.explicit || !ignored(config, found.path, cwd));
    return {
      name: module.name,
      settings: resolveSettings(request.settings, config),
      files: files.flatMap((found) => readFile(found, request, problems)),
    };
  });
  return { modules: modules.filter((module) => module.files.length > 0), problems };
}

/**
 * A warning for each file `--kind` names whose content looks like another kind: `--kind x=macro` on an inetd.conf
 * reads it as a macro, whose findings then say little of what the file is.
 */
export function kindRemarks(modules: readonly ModuleInput[], kinds: RequestBase['kinds']): Remark[] {
  return modules.flatMap((module) =>
    module.files.flatMap(({ source, kind }) => {
      const looks = kinds.has(source.path) ? kindByContent(source.text) : undefined;
      if (looks === undefined || looks === kind) return [];
      return [
        {
          module: module.name,
          text: `warning: --kind reads ${source.path} as ${languageOf(kind).title}, but its content looks like ${languageOf(looks).title}`,
        },
      ];
    }),
  );
}
