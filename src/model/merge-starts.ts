import { undecidedBy } from './macro-reach.ts';
import type { StartEvent } from './macro-starts.ts';

/**
 * Starts of one daemon from several lines, as one start: it runs under any of their conditions (OR), its evidence
 * lists every line, in the order met, and the line it is reported at is the last of them.
 */
export function mergeStarts(events: readonly StartEvent[]): StartEvent {
  const [first, ...rest] = events as [StartEvent, ...StartEvent[]];
  if (rest.length === 0) return first;
  const { guards } = first.reach;
  let guard = first.reach.guard;
  let unsure = first.reach.unsure;
  const evidence = [...first.evidence];
  const programs = new Set([first.program]);
  for (const event of rest) {
    try {
      guard = guards.or(guard, event.reach.guard);
    } catch (error) {
      guard = guards.always;
      unsure ??= undecidedBy(error);
    }
    unsure ??= event.reach.unsure;
    for (const place of event.evidence) if (!evidence.includes(place)) evidence.push(place);
    programs.add(event.program);
  }
  return {
    ...first,
    program: [...programs].join(' or '),
    reach: { guard, guards, ...(unsure !== undefined && { unsure }) },
    evidence,
    line: rest.at(-1)!.line,
  };
}

/**
 * The starts grouped into rows: those that some path reaches and that differ only by the branch (or the line) that
 * starts the same daemon the same way share a group; any other start, commented out or dead, is a group of its own.
 */
export function branchGroups<K>(
  events: readonly StartEvent[],
  reachable: (event: StartEvent) => boolean,
  key: (event: StartEvent) => K,
): StartEvent[][] {
  const groups: StartEvent[][] = [];
  const byKey = new Map<K, StartEvent[]>();
  for (const event of events) {
    if (!reachable(event)) {
      groups.push([event]);
      continue;
    }
    const k = key(event);
    const group = byKey.get(k);
    if (group !== undefined) group.push(event);
    else {
      const made = [event];
      byKey.set(k, made);
      groups.push(made);
    }
  }
  return groups;
}
