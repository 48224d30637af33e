import type { StartEvent } from './macro-starts.ts';

/**
 * A daemon's one-letter options on its start line, in order, with their values: `-p 2222`, `-p2222`, `-D SSL`,
 * `-f FILE`, `-C 'Listen 8081'`; only the letters asked for, each of which takes a value.
 */
function startOptions(args: readonly string[], letters: string): Array<{ option: string; value: string }> {
  const options: Array<{ option: string; value: string }> = [];
  for (let i = 0; i < args.length; i++) {
    const match = /^-(.)(.*)$/.exec(args[i]!);
    if (match === null || !letters.includes(match[1]!)) continue;
    let value = match[2] !== '' ? match[2]! : args[++i];
    // A quoted value, `-C 'Listen 8081'`, is one argument however many words the start line split it into.
    // A quote never closed takes its own word only, so that it does not swallow the options after it.
    const quote = value?.[0];
    if (value !== undefined && (quote === "'" || quote === '"')) {
      const [first, opened] = [value, i];
      while (!(value.length > 1 && value.endsWith(quote)) && i + 1 < args.length) value += ` ${args[++i]}`;
      if (value.length > 1 && value.endsWith(quote)) value = value.slice(1, -1);
      else [value, i] = [first.slice(1), opened];
    }
    if (value !== undefined) options.push({ option: match[1]!, value });
  }
  return options;
}

/** A start's options (see startOptions), each value as its variables make it when that is one value, else as written. */
export function resolvedOptions(
  event: StartEvent,
  letters: string,
): Array<{ option: string; value: string; written: string }> {
  return startOptions(event.arguments, letters).map(({ option, value: written }) => {
    const values = [...new Set(event.argumentValues(written))];
    return { option, value: values.length === 1 ? values[0]! : written, written };
  });
}
