import type { Settings } from '../model/settings.ts';
import { printable } from './printable.ts';
import { proseLines, type TableLayout } from './table.ts';

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

function described(modules: ReadonlyArray<{ name: string; settings: Settings }>) {
  return modules.map((module) => ({ name: module.name, text: describe(module.settings) }));
}

/**
 * The first line of the HTML report: what the verdicts were made for. One line for all modules when they share
 * their settings, else each module's.
 */
export function assumptionLine(modules: ReadonlyArray<{ name: string; settings: Settings }>): string {
  const each = described(modules);
  const distinct = new Set(each.map((module) => module.text));
  if (distinct.size <= 1) return `assumed: ${each[0]?.text ?? 'nothing: no module'}`;
  return `assumed, by module: ${each.map((module) => `${module.name}: ${module.text}`).join(' | ')}`;
}

/**
 * The first lines of the text outputs, what the verdicts were made for, laid out: one paragraph for all modules
 * when they share their settings, else a line `assumed, by module:` and a paragraph for each module.
 */
export function assumptionText(
  modules: ReadonlyArray<{ name: string; settings: Settings }>,
  layout: TableLayout,
): string {
  const each = described(modules);
  if (new Set(each.map((module) => module.text)).size <= 1)
    return proseLines(assumptionLine(modules), layout).join('\n');
  return [
    'assumed, by module:',
    ...each.flatMap((module) => proseLines(printable(`${module.name}: ${module.text}`), layout, '  ')),
  ].join('\n');
}
