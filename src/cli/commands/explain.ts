import { Command, Option } from 'commander';
import { renderRulePage, renderVerifyCheckPage } from '../../report/rule-page.ts';
import { printable } from '../../report/printable.ts';
import { renderMarkdownForTerminal } from '../../report/terminal-markdown.ts';
import { ruleIds, rules } from '../../rules/registry.ts';
import { verifyChecks } from '../../scan/verify-checks.ts';
import { nearest } from '../../util/nearest.ts';
import type { CommandContext } from '../command.ts';
import { outcome, type RunOutcome } from '../outcome.ts';
import { colorWanted } from '../streams.ts';
import { terminalWidth } from '../terminal-width.ts';

export const explainFormats = ['text', 'markdown'] as const;
export type ExplainFormat = (typeof explainFormats)[number];

export function defineExplain(context: CommandContext<never>): Command {
  return new Command('explain')
    .description("Print a rule's page: why it exists in VOS terms, what its fix does, examples.")
    .argument('<rule-id>', 'a rule id, as `vos-audit rules` lists them')
    .addOption(
      new Option('-f, --format <format>', 'text for a terminal, or the page as Markdown')
        .choices(explainFormats)
        .default('text'),
    )
    .option('--no-color', 'no bold or colours (also when NO_COLOR is set, or output is not a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ vos-audit explain telnet-without-sshd\n' +
        '  $ vos-audit explain --format markdown inetd-swat > inetd-swat.md',
    )
    .action((id: string, flags: { format: ExplainFormat; color: boolean }) =>
      context.answer(() =>
        explain(id, flags.format, colorWanted(flags.color, context.streams), terminalWidth(context.streams)),
      ),
    );
}

/**
 * `vos-audit explain <rule-id>`: the rule's page, rendered for a terminal or as its Markdown source, or the rules the
 * user may have meant.
 */
export function explain(id: string, format: ExplainFormat = 'text', color = false, width?: number): RunOutcome {
  const rule = rules.find((candidate) => candidate.id === id);
  const check = verifyChecks.find((candidate) => candidate.id === id);
  const page = rule ? renderRulePage(rule) : check ? renderVerifyCheckPage(check) : undefined;
  if (page !== undefined)
    return outcome(format === 'markdown' ? page : renderMarkdownForTerminal(page, color, width), []);
  // A misspelt id, else a word of one: `explain swat`, `explain tiny`; the audit's rules or verify's verdicts.
  const ids = [...ruleIds, ...verifyChecks.map((candidate) => candidate.id)];
  const guesses = [nearest(id, ids) ?? ids.filter((candidate) => candidate.includes(id.toLowerCase()))].flat();
  const hint = guesses.length > 0 ? `; did you mean ${guesses.join(' or ')}?` : '; `vos-audit rules` lists them';
  return outcome('', [`unknown rule '${printable(id)}'${hint}`]);
}
