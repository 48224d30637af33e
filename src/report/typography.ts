const asciiOf: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '×': 'x',
  '…': '...',
};

/** vos-audit's own typography (’ “ ” – — × …) in plain ASCII, for formats that tools read; other text is kept. */
export function asciiTypography(text: string): string {
  return text.replace(/[’‘“”–—×…]/g, (c) => asciiOf[c]!);
}
