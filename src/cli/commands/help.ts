import { Command, InvalidArgumentError } from 'commander';
import { nearest } from '../../util/nearest.ts';

/**
 * `vos-audit help [command]`: commander's own help command is off when the main command has an action (it takes
 * paths), so it is a command of ours that shows the same help as `--help`.
 */
export function defineHelp(program: Command): Command {
  return new Command('help')
    .description('Print the help of vos-audit, or of one of its commands.')
    .argument('[command]', 'the command to show the help of')
    .action((name?: string) => helpOf(program, name).help());
}

function helpOf(program: Command, name: string | undefined): Command {
  if (name === undefined) return program;
  const names = program.commands.map((command) => command.name());
  const command = program.commands.find((candidate) => candidate.name() === name);
  if (command !== undefined) return command;
  const guess = nearest(name, names);
  throw new InvalidArgumentError(
    `no command '${name}' to show the help of${guess === undefined ? '' : `; did you mean ${guess}?`} ` +
      `(the commands are ${names.join(', ')})`,
  );
}
