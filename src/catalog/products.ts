/** A VOS product code as `--products` and `.vos-audit.json` take it: `S` and three digits (S270), or STCP. */
export function isProductCode(code: string): boolean {
  return /^(?:S\d{3}|STCP)$/i.test(code);
}
