import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';

/** What `--baseline REV` tells a report of findings: each finding's state against REV, and REV's findings gone. */
export interface BaselineView {
  revision: string;
  state: ReadonlyMap<Message, 'new' | 'unchanged' | 'updated'>;
  /** The baseline's finding of the same identity, for each finding that was there (its severity may differ). */
  before: ReadonlyMap<Message, Message>;
  absent: ReadonlyArray<{ file: ReportedFile; message: Message; identity: string }>;
}

/**
 * How many of the findings shown are in each state against the baseline, and how many of the baseline's are gone.
 * `shown` (with -q, the errors) defaults to every finding.
 */
export function stateCounts(
  baseline: BaselineView,
  shown: Iterable<Message> = baseline.state.keys(),
): Record<'new' | 'unchanged' | 'updated' | 'absent', number> {
  const counts = { new: 0, unchanged: 0, updated: 0, absent: baseline.absent.length };
  for (const message of shown) {
    const state = baseline.state.get(message);
    if (state !== undefined) counts[state]++;
  }
  return counts;
}
