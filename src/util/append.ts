/** Appends items one by one: `target.push(...items)` passes every item as an argument and overflows the stack on large arrays. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
