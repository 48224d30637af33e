import { dottedQuad, prefixMask } from '../util/ip.ts';
import { readRules, type HostsPattern, type HostsRule } from '../syntax/hosts-access.ts';
import { defineRule } from './rule.ts';

/** An IPv4 network as address and mask: `10.9.9.0/24`, `10.9.9.0/255.255.255.0`, `10.9.9.` or one address. */
function network(pattern: HostsPattern): { net: number; mask: number } | undefined {
  const text = pattern.pattern;
  if (pattern.kind === 'address') {
    const net = dottedQuad(text);
    return net === undefined ? undefined : { net, mask: 0xffffffff };
  }
  if (pattern.kind === 'prefix') {
    const parts = text.split('.').slice(0, -1);
    if (parts.length < 1 || parts.length > 3) return undefined;
    const net = dottedQuad([...parts, ...new Array<string>(4 - parts.length).fill('0')].join('.'));
    return net === undefined ? undefined : { net, mask: prefixMask(parts.length * 8) };
  }
  if (pattern.kind !== 'net' || text.startsWith('[')) return undefined;
  const [address, bits] = text.split('/') as [string, string];
  const net = dottedQuad(address);
  const mask = bits.includes('.')
    ? dottedQuad(bits)
    : /^\d+$/.test(bits) && Number(bits) >= 1 && Number(bits) <= 32
      ? prefixMask(Number(bits))
      : undefined;
  return net === undefined || mask === undefined || (net & mask) >>> 0 !== net ? undefined : { net, mask };
}

/** Whether every client the later pattern names is named by the earlier one. */
function covers(earlier: HostsPattern, later: HostsPattern): boolean {
  if (earlier.qualifier !== undefined || later.qualifier !== undefined)
    return earlier.value.toLowerCase() === later.value.toLowerCase();
  if (earlier.kind === 'wildcard' && earlier.pattern.toLowerCase() === 'all') return true;
  if (earlier.pattern.toLowerCase() === later.pattern.toLowerCase()) return true;
  const outer = network(earlier);
  const inner = network(later);
  return (
    outer !== undefined &&
    inner !== undefined &&
    (inner.mask & outer.mask) >>> 0 === outer.mask &&
    (inner.net & outer.mask) >>> 0 === outer.net
  );
}

/** A list without exceptions: only such a list can be said to name every item of another. */
function plain(list: readonly HostsPattern[]): boolean {
  return list.length > 0 && list.every((p) => p.kind !== 'except');
}

/** A list whose every item the earlier list names, both plain. */
function listCovers(earlier: readonly HostsPattern[], later: readonly HostsPattern[]): boolean {
  return later.every((item) => earlier.some((outer) => covers(outer, item)));
}

/** Whether an earlier rule decides every daemon and client that `rule` names; only plain rules can. */
function shadowing(plainEarlier: readonly HostsRule[], rule: HostsRule): HostsRule | undefined {
  if (!plain(rule.daemons) || !plain(rule.clients)) return undefined;
  return plainEarlier.find(
    (earlier) => listCovers(earlier.daemons, rule.daemons) && listCovers(earlier.clients, rule.clients),
  );
}

export const hostsAccessUnreachableRule = defineRule({
  id: 'hosts-access-unreachable-rule',
  scope: 'hosts-access',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a rule that an earlier rule of the same file always decides first can never match',
    rationale: [
      'tcpd stops at the first rule that matches, so a rule whose daemons and clients an earlier rule of the same file',
      'already names is never reached: its options never run and its intent, often a narrower exception written',
      'after a wider rule, is lost. vos-audit reports it when it is sure: neither rule has EXCEPT, and each daemon',
      "and client of the later rule is one of the earlier rule's, or ALL, or an IPv4 address or network inside one",
      'of its networks. Put the narrower rule first, or use EXCEPT.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A network, then an address inside it',
      input: 'tftpd: 10.9.9.0/24\ntftpd: 10.9.9.9: severity auth.warning\n',
      messages: [
        '2:1 This rule never applies: line 1 (tftpd: ' +
          '10.9.9.0/24) decides every daemon and client it names first; put it before line 1, or narrow line 1 with EXCEPT',
      ],
    },
    { title: 'The narrower rule first', input: 'tftpd: 10.9.9.9: deny\ntftpd: 10.9.9.0/24\n', messages: [] },
  ],
  check(context) {
    const { file } = context;
    const plainEarlier: HostsRule[] = [];
    for (const rule of readRules(file.tree)) {
      const earlier = shadowing(plainEarlier, rule);
      if (plain(rule.daemons) && plain(rule.clients)) plainEarlier.push(rule);
      if (earlier === undefined) continue;
      const line = earlier.position.start.line;
      const text = file.source.text.slice(earlier.start, earlier.end).replace(/\\\r?\n[ \t]*/g, ' ');
      context.report({
        span: { start: rule.start, end: rule.end },
        reason:
          `This rule never applies: line ${line} (${text.length > 60 ? `${text.slice(0, 60)}…` : text}) ` +
          `decides every daemon and client it names first; put it before line ${line}, or narrow line ${line} with EXCEPT`,
      });
    }
  },
});
