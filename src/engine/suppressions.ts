import type { Suppression } from '../model/suppressions.ts';
import type { Message } from './message.ts';

/**
 * Removes the messages that a suppression covers, marking each suppression with the ids it silenced (what
 * unused-suppression reads). Returns the messages kept and how many were suppressed per file.
 */
export function applySuppressions(
  suppressions: readonly Suppression[],
  messages: Message[],
): { kept: Message[]; suppressed: Map<string, number> } {
  const suppressed = new Map<string, number>();
  const kept = messages.filter((message) => {
    const covering = suppressions.find(
      (s) =>
        s.file.source.path === message.file &&
        s.ruleIds.includes(message.ruleId) &&
        (s.line === undefined || s.line === message.place.start.line),
    );
    if (covering === undefined) return true;
    covering.used.add(message.ruleId);
    suppressed.set(message.file, (suppressed.get(message.file) ?? 0) + 1);
    return false;
  });
  return { kept, suppressed };
}
