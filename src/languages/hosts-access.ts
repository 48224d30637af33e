import { parseHostsAccessCst } from '../../grammar/hosts-access/index.ts';
import { parseHostsAccess } from '../syntax/hosts-access.ts';
import { defineLanguage, megabyte } from './language.ts';

export const hostsAccess = defineLanguage({
  kind: 'hosts-access',
  title: 'TCP Wrappers policy files (hosts.allow, hosts.deny)',
  names: 'hosts.allow, hosts.deny',
  name: /^hosts\.(?:allow|deny)$/,
  // `daemon_list : client_list`, where the daemon list has a daemon's name or ALL and the client list a pattern.
  content:
    /^[\w.*?@-]+(?:[ \t,]+[\w.*?@-]+)*[ \t]*:[ \t]*(?:ALL|LOCAL|KNOWN|UNKNOWN|PARANOID|[\d.]+(?:\/[\d.]+)?|\.[\w.-]+|\[[\da-f:.]+\](?:\/\d+)?)(?:[ \t,]|:|$)/im,
  // Real policies are a few kB; evaluating who may connect compares each client pattern with every rule.
  maxBytes: megabyte / 32,
  commentMarker: '#',
  exampleName: 'hosts.allow',
  fence: 'text',
  parse: parseHostsAccess,
  lex: parseHostsAccessCst,
});
