import { defaultSettings, type Settings } from '../model/settings.ts';

/** What the command line or a .vos-audit.json states about a module. */
export type StatedSettings = Partial<Pick<Settings, 'release' | 'nio' | 'products' | 'address' | 'system' | 'bridge' | 'maxOpenServer' | 'nioAddress'>>;

/** Facts about a module that only some commands read, each taken from the command line, else the configuration. */
const moduleFacts = ['address', 'system', 'bridge', 'maxOpenServer', 'nioAddress'] as const;

/** A module's settings: what the command line states, else what its configuration does, else the defaults. */
export function resolveSettings(commandLine: StatedSettings, config?: StatedSettings & Pick<Settings, 'ruleLevels'>): Settings {
  const products = commandLine.products ?? config?.products;
  return {
    release: commandLine.release ?? config?.release ?? defaultSettings.release,
    nio: commandLine.nio ?? config?.nio ?? defaultSettings.nio,
    ...(products && { products }),
    ...Object.fromEntries(moduleFacts.flatMap((key) => {
      const value = commandLine[key] ?? config?.[key];
      return value === undefined ? [] : [[key, value]];
    })),
    ruleLevels: config?.ruleLevels ?? defaultSettings.ruleLevels,
  };
}
