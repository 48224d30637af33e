import { parseRelease } from '../../src/catalog/releases.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { parseModuleFiles } from '../../src/model/files.ts';
import type { ModuleModel } from '../../src/model/listener.ts';
import { buildModule } from '../../src/model/module.ts';
import { defaultSettings, type Settings } from '../../src/model/settings.ts';
import { sourceOf } from './sources.ts';

/** The model of a module made of these files, by name, at VOS 15.2 unless the settings say otherwise. */
export function modelOf(files: Record<string, string>, settings: Partial<Settings> = {}): ModuleModel {
  const parsed = parseModuleFiles(
    Object.entries(files).map(([name, text]) => ({ source: sourceOf(text, name), kind: kindByName(name)! })),
  );
  return buildModule('m', parsed, { ...defaultSettings, release: parseRelease('15.2')!, ...settings });
}

/** A daemon's rows, as the tests compare them. */
export function rowsOf(model: ModuleModel, daemon: string) {
  return model.listeners
    .filter((l) => l.daemon === daemon)
    .map((l) => ({
      port: l.port,
      state: l.state,
      ...(l.condition && { condition: l.condition }),
      ...(l.note && { note: l.note }),
    }));
}
