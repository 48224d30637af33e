/**
 * The six fields every entry has, in order, with the form a field must have where it has one. The parser checks
 * them on the words in their place, so `stream` or `wait` is a keyword only in its own field (a service may be
 * called `raw`); a bogus line is explained by the first field that does not fit.
 */
export interface EntryField {
  form?: RegExp;
  expected: string;
}

/** The socket types, as a regular-expression alternation. */
export const socketTypes = 'stream|dgram|raw|rdm|seqpacket';

export const entryFields: readonly EntryField[] = [
  { expected: 'a service name' },
  { form: new RegExp(`^(?:${socketTypes})$`), expected: 'a socket type (stream, dgram, raw, rdm or seqpacket)' },
  // tcp, udp6, rpc/tcp, tcp,rcvbuf=1k, tcp4,sndbuf=64k,rcvbuf=64k …
  { form: /^(?:rpc\/)?(?:tcp|udp|sctp|unix)(?:46|4|6)?(?:,.*)?$/, expected: 'a protocol (tcp, udp, tcp6, udp6, rpc/tcp, rpc/udp …)' },
  // wait, nowait, nowait.400 (max per minute), wait:100, nowait/3/10/2 (FreeBSD limits)
  { form: /^(?:no)?wait(?:[.:]\d+|(?:\/\d*){1,3})?$/, expected: 'wait or nowait (also nowait.N, wait:N, nowait/N/N)' },
  { expected: 'a user name (user, user.group or user:group)' },
  { expected: 'a server program path or internal' },
];

/** Whether a word fits the entry's field number `field` (from 0). */
export function fitsEntryField(image: string, field: number): boolean {
  return entryFields[field]!.form?.test(image) ?? true;
}
