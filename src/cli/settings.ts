import { defaultSettings, type Settings } from '../model/settings.ts';

/** What the command line or a .vos-audit.json states about a module. */
export type StatedSettings = Partial<Pick<Settings, 'release' | 'nio' | 'products' | 'nioAddresses'>>;

/** A module's settings: what the command line states, else what its configuration does, else the defaults. */
export function resolveSettings(commandLine: StatedSettings, config?: StatedSettings & Pick<Settings, 'ruleLevels'>): Settings {
  const products = commandLine.products ?? config?.products;
  const nioAddresses = commandLine.nioAddresses ?? config?.nioAddresses;
  return {
    release: commandLine.release ?? config?.release ?? defaultSettings.release,
    nio: commandLine.nio ?? config?.nio ?? defaultSettings.nio,
    ...(products && { products }),
    ...(nioAddresses && { nioAddresses }),
    ruleLevels: config?.ruleLevels ?? defaultSettings.ruleLevels,
  };
}
