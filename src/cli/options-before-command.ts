import { InvalidArgumentError, type Command, type Option } from 'commander';

/** The option of `command` that an argument (`--name`, `--name=value`, `-n`, `-nvalue`) gives, if any. */
function optionGiven(command: Command, argument: string): Option | undefined {
  const flag = argument.startsWith('--') ? argument.split('=')[0] : argument.slice(0, 2);
  return command.options.find((option) => option.long === flag || option.short === flag);
}

/** Whether the option's value is the next argument rather than part of this one. */
function valueFollows(option: Option, argument: string, next: string | undefined): boolean {
  if (argument !== option.long && argument !== option.short) return false;
  return option.required || (option.optional && next !== undefined && !next.startsWith('-'));
}

/**
 * With positional options, commander reads the options before a subcommand's name as the audit's and then drops
 * them: `vos-audit --format json ports m1` printed the text table. Those options are moved after the name, where
 * they mean what they mean to that command; one the command does not have is refused, naming where it goes.
 * Commander has no mode that does this: without positional options the program (the audit) takes its options
 * wherever they stand, so `ports --format csv` would be refused by the audit's --format, and options declared once
 * on the program (read with optsWithGlobals) would still leave `--fix ports` an audit of a path named ports.
 */
export function optionsAfterCommand(argv: string[], program: Command): string[] {
  const moved: string[] = [];
  const flags: string[] = [];
  for (let at = 2; at < argv.length; at++) {
    const argument = argv[at]!;
    if (argument === '--') return argv;
    if (!argument.startsWith('-') || argument === '-') {
      const command = program.commands.find((candidate) => candidate.name() === argument);
      if (command === undefined || moved.length === 0) return argv;
      const foreign = flags.find((flag) => optionGiven(command, flag) === undefined);
      if (foreign !== undefined)
        throw new InvalidArgumentError(
          `option '${foreign}' is not one of \`vos-audit ${argument}\` (options go after the command's name); ` +
            `it is the audit's: vos-audit ${foreign} PATHS`,
        );
      return [...argv.slice(0, 2), argument, ...moved, ...argv.slice(at + 1)];
    }
    const option = optionGiven(program, argument);
    // Help, version and unknown options are commander's to answer, where they stand.
    if (option === undefined || option.long === '--version') return argv;
    moved.push(argument);
    flags.push(argument);
    if (valueFollows(option, argument, argv[at + 1]) && at + 1 < argv.length) moved.push(argv[++at]!);
  }
  return argv;
}
