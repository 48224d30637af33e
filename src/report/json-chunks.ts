const marker = '\u0000vos-audit: the items go here\u0000';

/**
 * `JSON.stringify(value, null, 2)` and a line feed, in chunks, with `items` written one by one where `value` holds
 * the array `slot`: a report of hundreds of thousands of findings is never one string (V8 caps a string's length).
 */
export function* jsonChunks(value: unknown, slot: unknown[], items: Iterable<unknown>): Generator<string> {
  slot.splice(0, slot.length, marker);
  const text = JSON.stringify(value, null, 2);
  slot.length = 0;
  const at = text.indexOf(JSON.stringify(marker));
  const open = text.lastIndexOf('[', at);
  const close = text.indexOf(']', at + JSON.stringify(marker).length);
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
  let batch: string[] = [];
  let count = 0;
  for (const item of items) {
    if (count === 0) yield text.slice(0, open + 1);
    batch.push(`${count === 0 ? '' : ','}\n${indent}${JSON.stringify(item, null, 2).replaceAll('\n', `\n${indent}`)}`);
    count++;
    if (batch.length === 1000) {
      yield batch.join('');
      batch = [];
    }
  }
  if (count === 0) yield `${text.slice(0, open)}[]${text.slice(close + 1)}\n`;
  else yield `${batch.join('')}${text.slice(at + JSON.stringify(marker).length, close + 1)}${text.slice(close + 1)}\n`;
}
