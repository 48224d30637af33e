const styles = { error: '31', warning: '33', info: '36', dim: '2', bold: '1', green: '32', code: '36' } as const;

export type Style = keyof typeof styles;
export type Paint = (style: Style, text: string) => string;

/** SGR colours when `color` (a terminal without NO_COLOR or --no-color), else the text as it is. */
export function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${styles[style]}m${text}\u001b[0m` : (_style, text) => text;
}
