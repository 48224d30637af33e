/**
 * Characters that must not reach a reader raw: C0 and C1 controls but tab (ESC moves the cursor, changes colours,
 * retitles the terminal), line and paragraph separators, and the invisible characters that reorder or hide text
 * ("Trojan Source"): the bidirectional controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069), the zero-width
 * characters and invisible operators (U+200B–200D, U+2060–2064) and the zero-width no-break space (U+FEFF).
 */
const unprintable = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const unprintableEverywhere = new RegExp(unprintable.source, 'g');

/**
 * Shows those characters as escapes (`\x1b`, `\u202e`), so that a file name or file content cannot take over the
 * user's terminal, or make the report read otherwise than it is, wherever vos-audit prints for a person.
 */
export function printable(text: string): string {
  // Nearly every text has none: a test costs far less than a replace with a function.
  if (!unprintable.test(text)) return text;
  return text.replace(unprintableEverywhere, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
