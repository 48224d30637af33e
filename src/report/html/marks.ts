import type { ListenerState } from '../../model/listener.ts';
import { peerText } from '../../policy/rule.ts';
import type { ListenerView } from './system.ts';

/** A mark of a matrix cell: what it shows (a letter or sign: colour is never the only signal) and what it says. */
export interface Mark {
  sign: string;
  words: string;
}

/** Each state's sign, and what it means, for the legend (a cell says only the state's name). */
export const stateMarks: Record<ListenerState, Mark> = {
  live: { sign: 'L', words: 'live: listens when the module boots' },
  conditional: { sign: 'C', words: 'conditional: listens if its condition holds' },
  off: { sign: 'O', words: 'off: configured but not started' },
  dead: { sign: 'D', words: 'dead: no path through the macros reaches its start' },
};

/** Every sign a cell may show besides its state, for the legend. */
export const otherMarks: readonly Mark[] = [
  { sign: 'A', words: 'the firewall policy allows it from anyone' },
  { sign: 'P', words: 'the firewall policy allows it from named peers only' },
  { sign: 'X', words: 'the firewall policy denies it' },
  { sign: '?', words: 'the rule that decides stands on a condition nothing decided' },
  { sign: 'T', words: 'tcpd admits only some clients' },
  { sign: '!', words: 'the audit reports a warning or error on it' },
  { sign: 'o', words: 'the scan found the port open' },
  { sign: 'c', words: 'the scan found the port closed' },
  { sign: 'f', words: 'the scan could not tell (filtered, or not reported)' },
];

/** The marks of one listener's cell, its state first. */
export function cellMarks(view: ListenerView): Mark[] {
  const { listener, deciding } = view;
  const marks: Mark[] = [{ sign: stateMarks[listener.state].sign, words: listener.state }];
  if (deciding !== undefined) {
    const { rule, number } = deciding;
    const by = `rule ${number}`;
    if (rule.action === 'deny') marks.push({ sign: 'X', words: `denied (${by})` });
    else if (rule.peer.kind === 'any') marks.push({ sign: 'A', words: `allowed (${by})` });
    else marks.push({ sign: 'P', words: `allowed from ${peerText(rule.peer)} (${by})` });
    if (rule.condition !== undefined) marks.push({ sign: '?', words: 'if a condition holds' });
  }
  if (listener.admits !== undefined && !listener.admits.anyone)
    marks.push({ sign: 'T', words: `tcpd: ${listener.admits.text}` });
  const serious = view.findings.filter((m) => m.severity !== 'info').length;
  if (serious > 0) marks.push({ sign: '!', words: `${serious} ${serious === 1 ? 'finding' : 'findings'}` });
  if (view.scanned !== undefined && view.scanned !== 'not probed') {
    const s = view.scanned === 'open' ? 'o' : view.scanned === 'closed' ? 'c' : 'f';
    marks.push({ sign: s, words: `scan: ${view.scanned}` });
  }
  return marks;
}
