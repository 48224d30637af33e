import { Command, Option } from 'commander';
import { docsBaseOf } from '../../report/docs-url.ts';
import { formatRules, rulesFormats, type RulesFormat } from '../../report/rules-list.ts';
import type { CommandContext } from '../command.ts';
import { outcome } from '../outcome.ts';
import { layoutFor, wideOption } from '../terminal-width.ts';

export function defineRules(context: CommandContext<never>): Command {
  return new Command('rules')
    .description('List every rule: id, severity, whether it fixes, what it checks, summary.')
    .addOption(
      new Option('-f, --format <format>', 'output format (json: docs/rules-list.md)')
        .choices(rulesFormats)
        .default('text'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vos-audit rules\n  $ vos-audit rules --format json\n  $ vos-audit explain inetd-dos-tiny-service',
    )
    .addOption(wideOption('one rule per line'))
    .action((flags: { format: RulesFormat; wide?: boolean }) =>
      context.answer(() =>
        outcome(formatRules(flags.format, layoutFor(flags.wide, context.streams), docsBaseOf(context.streams.env)), []),
      ),
    );
}
