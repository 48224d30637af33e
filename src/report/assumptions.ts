import type { Settings } from '../model/settings.ts';

function describe(settings: Settings): string {
  const release = settings.release
    ? `VOS ${settings.release.text}`
    : 'release not stated (ports of some releases only are conditional on them)';
  const products = settings.products
    ? `products ${settings.products.size === 0 ? 'none' : [...settings.products].sort().join(', ')}`
    : 'products not stated (software_purchased conditions stay open)';
  const nio = settings.nio ? 'an NIO' : 'no NIO';
  return `${release}; ${products}; ${nio}`;
}

/**
 * The first line of the text outputs: what the verdicts were made for. One line for all modules when they share
 * their settings, else each module's.
 */
export function assumptionLine(modules: ReadonlyArray<{ name: string; settings: Settings }>): string {
  const each = modules.map((module) => ({ name: module.name, text: describe(module.settings) }));
  const distinct = new Set(each.map((module) => module.text));
  if (distinct.size <= 1) return `assumed: ${each[0]?.text ?? 'nothing: no module'}`;
  return `assumed, by module: ${each.map((module) => `${module.name}: ${module.text}`).join(' | ')}`;
}
