const unprintable = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;
const unprintableEverywhere = new RegExp(unprintable.source, 'g');

/**
 * Shows control characters as escapes, so that a file name or file content cannot move the cursor, change colours
 * or retitle the user's terminal when vos-audit prints it.
 */
export function printable(text: string): string {
  // Nearly every text has none: a test costs far less than a replace with a function.
  if (!unprintable.test(text)) return text;
  return text.replace(unprintableEverywhere, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
