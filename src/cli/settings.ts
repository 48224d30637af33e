import { defaultSettings, type Settings } from '../model/settings.ts';

/** What the command line or a .vos-audit.json states about a module. */
export type StatedSettings = Partial<
  Pick<
    Settings,
    | 'release'
    | 'nio'
    | 'products'
    | 'maxOpenServer'
    | 'backboneMaxOpenServer'
    | 'bridge'
    | 'daemons'
    | 'address'
    | 'nioAddresses'
    | 'system'
  >
>;

/** A module's settings: what the command line states, else what its configuration does, else the defaults. */
export function resolveSettings(
  commandLine: StatedSettings,
  config?: StatedSettings & Pick<Settings, 'ruleLevels'>,
): Settings {
  const stated = (key: Exclude<keyof StatedSettings, 'nio'>) => {
    const value = commandLine[key] ?? config?.[key];
    return value === undefined ? {} : { [key]: value };
  };
  return {
    ...stated('release'),
    nio: commandLine.nio ?? config?.nio ?? defaultSettings.nio,
    ...stated('products'),
    ...stated('maxOpenServer'),
    ...stated('backboneMaxOpenServer'),
    ...stated('bridge'),
    ...stated('daemons'),
    ...stated('address'),
    ...stated('nioAddresses'),
    ...stated('system'),
    ruleLevels: config?.ruleLevels ?? defaultSettings.ruleLevels,
  };
}
