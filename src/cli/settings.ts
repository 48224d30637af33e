import { defaultSettings, type Settings } from '../model/settings.ts';
import { mergeFacts } from '../model/site-facts.ts';

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
    | 'addresses'
    | 'nioAddresses'
    | 'system'
    | 'facts'
    | 'firewall'
  >
>;

/** A module's settings: what the command line states, else what its configuration does, else the defaults. */
export function resolveSettings(
  commandLine: StatedSettings,
  config?: StatedSettings & Pick<Settings, 'ruleLevels'>,
): Settings {
  const stated = (key: Exclude<keyof StatedSettings, 'nio' | 'facts'>) => {
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
    ...stated('addresses'),
    ...stated('nioAddresses'),
    ...stated('system'),
    ...stated('firewall'),
    ...facts(config?.facts, commandLine.facts),
    ruleLevels: config?.ruleLevels ?? defaultSettings.ruleLevels,
  };
}

/** The facts of the configuration and those of the command line, which win where both state one. */
function facts(...[fromConfig, fromCommandLine]: Array<Settings['facts']>) {
  const merged = mergeFacts(fromConfig, fromCommandLine);
  return merged === undefined ? {} : { facts: merged };
}
