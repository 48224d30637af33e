import { decide, openAtoms, type DecidedStart } from './decide.ts';
import type { AuditedFile, MacroFile } from './files.ts';
import { strongest, type ModuleModel } from './listener.ts';
import { macroStarts, type MacroFacts, type StartEvent } from './macro-starts.ts';
import { mergeStarts } from './merge-starts.ts';
import { placeText, type Place } from './place.ts';
import { listensOnNothing } from './portless-programs.ts';
import type { Settings } from './settings.ts';
import { factToState } from './site-facts.ts';
import { baseName } from '../util/base-name.ts';

/**
 * When the macros read never start a daemon, a macro they call that is not among the module's files might: the
 * daemon is then conditional on that, not "not started".
 */
function startOrUnread(
  start: DecidedStart | undefined,
  unread: readonly Place[],
  daemon: string,
): DecidedStart | undefined {
  if ((start !== undefined && start.state !== 'off' && start.state !== 'dead') || unread.length === 0) return start;
  return {
    state: 'conditional',
    condition: `${unread.map(placeText).join(' or ')} (a macro vos-audit has not read) starts ${daemon}`,
    evidence: [...unread],
    decidedAt: unread.at(-1)!,
  };
}

/** A start as the settings decide it, with its evidence and the start line it is reported at. */
export function decidedStart(event: StartEvent, settings: Settings): DecidedStart {
  return { ...decide(event, settings), evidence: event.evidence, decidedAt: event.line };
}

/** What the module's macros start, read from module_start_up.cm, or without one from every macro given. */
export function moduleStarts(files: readonly AuditedFile[]): MacroFacts {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const byName = new Map(macros.map((file) => [baseName(file.source.path).replace(/\.cm$/, ''), file]));
  const entries = macros.filter((file) => baseName(file.source.path) === 'module_start_up.cm');
  return macroStarts(entries.length > 0 ? entries : macros, byName);
}

/** What the macros decide, before any row is made: which daemons they start, and how. */
export interface Starts {
  facts: MacroFacts;
  macrosGiven: boolean;
  /** Live or conditional calls of macros that are not among the module's files. */
  unreadMacros: Place[];
  /** Whether a daemon runs at all, under any of its start lines (or an unread macro's call). */
  startOf(daemon: string): DecidedStart | undefined;
}

export const stcpAssumed: DecidedStart = {
  state: 'live',
  note: 'assumed: STCP is started (no module_start_up.cm given)',
  evidence: [],
};

/** A start some assignment of the conditions reaches, whatever the products stated: a branch of its row. */
export const reachable = (event: StartEvent) => !event.off && event.reach.guard !== event.reach.guards.never;

export function readStarts(files: readonly AuditedFile[], settings: Settings): Starts {
  const facts = moduleStarts(files);
  const unreadMacros = facts.unreadCalls
    .filter((call) => {
      const { state } = decide(call, settings);
      return state === 'live' || state === 'conditional';
    })
    .map((call) => call.place);
  const startOf = (daemon: string): DecidedStart | undefined => {
    const events = facts.starts.filter((event) => event.daemon === daemon);
    const branches = events.filter(reachable);
    const chosen =
      branches.length > 0
        ? mergeStarts(branches)
        : strongest(events.map((event) => ({ event, state: decide(event, settings).state })))?.event;
    return startOrUnread(chosen && decidedStart(chosen, settings), unreadMacros, daemon);
  };
  return { facts, macrosGiven: files.some((file) => file.kind === 'macro'), unreadMacros, startOf };
}

/** Whether inetd runs, when macros were given to say: its strongest start. */
export function inetdStart(starts: Starts): ModuleModel['inetd'] {
  if (!starts.macrosGiven) return undefined;
  const inetd = starts.startOf('inetd');
  if (inetd === undefined) return { state: 'off', evidence: [] };
  return {
    state: inetd.state,
    ...(inetd.condition !== undefined && { condition: inetd.condition }),
    evidence: inetd.evidence,
  };
}

/**
 * The fact that would decide each condition the module's starts still depend on, ready to paste, each once; not
 * those of starts of programs that listen on nothing, whose truth changes no row.
 */
export function openConditions(facts: MacroFacts, settings: Settings): string[] {
  const atoms = facts.starts
    .filter((event) => !listensOnNothing(event.daemon, settings))
    .flatMap((event) => openAtoms(event, settings));
  return [...new Set(atoms.map(factToState))];
}
