import { InvalidArgumentError, Option } from 'commander';
import type { ModuleInput } from '../engine/audit.ts';
import { canonicalAddress } from '../util/address.ts';
import type { RequestBase } from './read-modules.ts';

/** `--address <ip>`: the module's address, as the commands that take it (verify, firewall) read it. */
export function addressArgument(value: string): string {
  const address = value.includes('%') ? undefined : canonicalAddress(value);
  if (address === undefined)
    throw new InvalidArgumentError('expected the IPv4 or IPv6 address of the module, such as 10.1.2.3 or fd00::3');
  return address;
}

/** `--address` as firewall and report declare it: one module's address, or each module's from its configuration. */
export function addressOption(): Option {
  return new Option(
    '--address <ip>',
    'the module\'s address (one module only; else "address" in each module\'s .vos-audit.json)',
  ).argParser(addressArgument);
}

/** `--address` gives one module's address: with several modules it would be every module's, which none is. */
export function addressProblem(request: RequestBase, modules: readonly ModuleInput[]): string | undefined {
  if (request.settings.addresses === undefined || modules.length <= 1) return undefined;
  const names = modules.map((m) => m.name).join(', ');
  return (
    `--address gives one module's address, but the paths hold ${modules.length} modules (${names}); ` +
    `set "address" in each module's .vos-audit.json instead`
  );
}

/** Each module's address is its own: a scanned host matched to two modules would be judged twice, by two models. */
export function sameAddress(modules: readonly ModuleInput[]): string | undefined {
  const byAddress = new Map<string, string>();
  for (const module of modules) {
    for (const address of module.settings.addresses ?? []) {
      const other = byAddress.get(address);
      if (other !== undefined && other !== module.name)
        return (
          `modules ${other} and ${module.name} have the same address ${address}: ` +
          `a module's "address" is its own (is it set in a .vos-audit.json above both?)`
        );
      byAddress.set(address, module.name);
    }
  }
  return undefined;
}
