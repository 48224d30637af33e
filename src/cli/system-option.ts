import { InvalidArgumentError, Option } from 'commander';
import { systemName } from './config.ts';

function systemArgument(value: string): string {
  if (!systemName.test(value))
    throw new InvalidArgumentError('expected a VOS system name such as sys1 (letters, digits, _ - . $ #)');
  return value;
}

/** `--system <name>`, as firewall and report declare it. */
export function systemOption(): Option {
  return new Option('--system <name>', 'the VOS system the modules belong to (their OSL peers)').argParser(
    systemArgument,
  );
}
