import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';

/** What `--baseline REV` tells a report of findings: each finding's state against REV, and REV's findings gone. */
export interface BaselineView {
  revision: string;
  state: ReadonlyMap<Message, 'new' | 'unchanged' | 'updated'>;
  absent: ReadonlyArray<{ file: ReportedFile; message: Message; identity: string }>;
}

/** Whether a finding was there at the baseline (unchanged, or there with another severity or text). */
export function wasThere(baseline: BaselineView | undefined, message: Message): boolean {
  const state = baseline?.state.get(message);
  return state !== undefined && state !== 'new';
}

/** How many findings are in each state against the baseline, the gone ones included. */
export function stateCounts(baseline: BaselineView): Record<'new' | 'unchanged' | 'updated' | 'absent', number> {
  const counts = { new: 0, unchanged: 0, updated: 0, absent: baseline.absent.length };
  for (const state of baseline.state.values()) counts[state]++;
  return counts;
}
