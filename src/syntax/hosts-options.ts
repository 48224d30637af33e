import { atoi } from '../util/ip.ts';

/**
 * The options of hosts_options(5) as tcpd checks them: each keyword, whether it takes a value, whether it must end
 * the rule, and what its value must look like. tcpd refuses service when a matched rule breaks any of these.
 */
interface OptionSpec {
  value: 'none' | 'needed' | 'optional';
  /** allow, deny and twist decide the connection, so nothing may follow them. */
  last?: boolean;
  /** Why a value is refused, or undefined when tcpd takes it. */
  check?: (value: string) => string | undefined;
}

const integer = (what: string) => (value: string) => (/^[+-]?\d+$/.test(value) ? undefined : `expected ${what}`);

const facilities = new Set([
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'lpr',
  'news',
  'uucp',
  'cron',
  ...Array.from({ length: 8 }, (_, i) => `local${i}`),
]);
const levels = new Set(['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug']);

function severity(value: string): string | undefined {
  const dot = value.indexOf('.');
  const [facility, level] = dot === -1 ? [undefined, value] : [value.slice(0, dot), value.slice(dot + 1)];
  if (facility !== undefined && !facilities.has(facility.toLowerCase()))
    return `expected a syslog facility such as auth or local0 before '.'`;
  return levels.has(level.toLowerCase()) ? undefined : 'expected a syslog level such as notice or auth.info';
}

export const optionSpecs: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ['allow', { value: 'none', last: true }],
  ['deny', { value: 'none', last: true }],
  ['twist', { value: 'needed', last: true }],
  ['spawn', { value: 'needed' }],
  ['aclexec', { value: 'needed' }],
  ['severity', { value: 'needed', check: severity }],
  ['banners', { value: 'needed' }],
  ['setenv', { value: 'needed' }],
  // tcpd looks user and group names up on the machine it runs on: vos-audit cannot, and takes any name.
  ['user', { value: 'needed' }],
  ['group', { value: 'needed' }],
  [
    'umask',
    {
      value: 'needed',
      check: (v) =>
        /^[+]?[0-7]+$/.test(v) && Number.parseInt(v, 8) <= 0o777 ? undefined : 'expected an octal mask such as 022',
    },
  ],
  ['linger', { value: 'needed', check: integer('a number of seconds') }],
  ['nice', { value: 'optional', check: integer('a number') }],
  [
    'rfc931',
    {
      value: 'optional',
      check: (v) => integer('a timeout in seconds')(v) ?? (atoi(v) > 0 ? undefined : 'expected a timeout above 0'),
    },
  ],
  ['keepalive', { value: 'none' }],
]);

export const optionNames = [...optionSpecs.keys()].join(', ');
