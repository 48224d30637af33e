import { programTraffic } from './client-ports.ts';
import { serverPorts } from './server-ports.ts';

/** A VOS product code as `--products` and `.vos-audit.json` take it: `S` and three digits (S270), or STCP. */
export function isProductCode(code: string): boolean {
  return /^(?:S\d{3}|STCP)$/i.test(code);
}

/** The product codes the catalog's ports and programs name (`S135/S048` is two), upper case. */
export const knownProductCodes: readonly string[] = [
  ...new Set(
    [...serverPorts, ...programTraffic].flatMap((entry) => [
      ...entry.product.split('/'),
      ...('productUntil' in entry && entry.productUntil ? [entry.productUntil.product] : []),
    ]),
  ),
].sort();
