import { createHash } from 'node:crypto';
import { LineIndex } from '../syntax/position.ts';
import type { Message } from './message.ts';

/** A line longer than any configuration line (a scan written on one line) is known by this much from the finding. */
const maxIdentityLine = 4096;

/** The text of a finding's line, blanks normalised, so that indenting a line or moving it keeps the finding. */
function findingLine(message: Message, text: string, index: LineIndex): string {
  const start = index.lineStart(message.place.start.line);
  const end = index.lineContentEnd(message.place.start.line);
  const line =
    end - start > maxIdentityLine
      ? text.slice(message.place.start.offset, message.place.start.offset + maxIdentityLine)
      : text.slice(start, end);
  return line.trim().replace(/\s+/g, ' ');
}

/**
 * The identity of each finding of one file, which a change of line numbers alone never alters: a hash of the rule,
 * the module and the file (as the caller names them, a renamed file by its new name) and the normalised text of the
 * finding's line, then `:n` for the n-th such finding in the file. `messages` are in the order of their places.
 */
export function findingIdentities(messages: readonly Message[], text: string, module: string, file: string): string[] {
  const index = new LineIndex(text);
  const seen = new Map<string, number>();
  return messages.map((message) => {
    const key = [message.ruleId, module, file, findingLine(message, text, index)].join('\u0000');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`;
  });
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

/**
 * Each current finding's state against the baseline's, by identity: unchanged when a finding of the same identity
 * was there with the same severity and reason, updated when either differs, new when none was; and the baseline's
 * findings that are gone (absent).
 */
export function baselineStates<T extends Pick<Message, 'severity' | 'reason'>>(
  current: ReadonlyMap<string, T>,
  baseline: ReadonlyMap<string, T>,
): { states: Map<string, Exclude<BaselineState, 'absent'>>; absent: string[] } {
  const states = new Map<string, Exclude<BaselineState, 'absent'>>();
  for (const [identity, message] of current) {
    const old = baseline.get(identity);
    states.set(
      identity,
      old === undefined
        ? 'new'
        : old.severity === message.severity && old.reason === message.reason
          ? 'unchanged'
          : 'updated',
    );
  }
  return { states, absent: [...baseline.keys()].filter((identity) => !current.has(identity)) };
}
