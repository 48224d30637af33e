import type { Listener } from '../../model/listener.ts';
import type { Settings } from '../../model/settings.ts';
import type { ModuleContext } from '../rule.ts';
import { byStartLine, commentOutStart, portOf, reportedAt, running } from './listeners.ts';

/** The docs of every rule whose suggestion comments out a start line. */
export const commentOutStartLine = [
  'A suggestion comments out the start line with `& ` (every line of a continued statement), keeping its text.',
  'A start line that is the body of an `&then` or `&else` is commented out inside a new `&do` … `&end` block, so',
  'that the `&if` keeps its `&then` and nothing after it falls under the condition.',
].join('\n');

/**
 * The check of a rule about a daemon a macro starts that should not run: it reports each start line, with a
 * suggestion to comment it out (applied with --fix --suggestions), since only the site knows whether something
 * still needs it. `reason` gives the message for a running listener, or undefined when the settings make it fine.
 */
export function reportStartLines(
  daemons: string[],
  reason: (listener: Listener, settings: Settings) => string | undefined,
): (context: ModuleContext) => void {
  return (context) => {
    const listeners = daemons.flatMap((daemon) => running(context.module, daemon));
    for (const [listener, ...others] of byStartLine(listeners)) {
      const text = reason(listener!, context.settings);
      const at = reportedAt(context.module, listener!);
      if (text === undefined || at === undefined) continue;
      const also = others.length > 0 ? ` (the same start line also opens ${others.map(portOf).join(', ')})` : '';
      context.report({
        ...at,
        ports: [listener!, ...others].map(portOf),
        reason: `${text}${also}`,
        ...commentOutStart(context.module, listener!),
      });
    }
  };
}
