// nmap XML scans that once exhausted `vos-audit verify`, made to a given size: one host, 10.1.2.3, is the module's.
const head = (probed: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<nmaprun scanner="nmap" args="nmap -oX scan.xml 10.1.2.3" version="7.93">\n' +
  `<scaninfo type="syn" protocol="tcp" numservices="65535" services="${probed}"/>\n`;
const tail = '<runstats><finished exit="success"/></runstats>\n</nmaprun>\n';
const hostOpen = '<host><status state="up" reason="syn-ack"/>\n<address addr="10.1.2.3" addrtype="ipv4"/>\n<ports>\n';
const hostClose = '</ports>\n</host>\n';

/** `part(i)` repeated between `before` and `after` until the whole is about `bytes` long. */
function filled(bytes: number, before: string, part: (i: number) => string, after: string): string {
  const parts = [before];
  let size = before.length + after.length;
  for (let i = 0; ; i++) {
    const next = part(i);
    if (size + next.length > bytes) break;
    parts.push(next);
    size += next.length;
  }
  parts.push(after);
  return parts.join('');
}

export const scanBombs: Array<[string, (bytes: number) => string]> = [
  [
    '`<extrareasons ports="1-65535">` repeated in one `<extraports>`',
    (bytes) =>
      filled(
        bytes,
        `${head('1-65535')}${hostOpen}<extraports state="filtered" count="65535">\n`,
        () => '<extrareasons reason="no-response" count="65535" proto="tcp" ports="1-65535"/>\n',
        `</extraports>\n${hostClose}${tail}`,
      ),
  ],
  [
    '`<extraports>` of every odd port, repeated',
    (bytes) =>
      filled(
        bytes,
        `${head('1-65535')}${hostOpen}`,
        (i) =>
          `<extraports state="filtered" count="100"><extrareasons proto="tcp" ports="${Array.from({ length: 100 }, (_, j) => ((i * 200 + j * 2) % 65534) + 1).join(',')}"/></extraports>\n`,
        `${hostClose}${tail}`,
      ),
  ],
  [
    '`<port>` elements, every port listed many times',
    (bytes) =>
      filled(
        bytes,
        `${head('1-65535')}${hostOpen}`,
        (i) =>
          `<port protocol="tcp" portid="${(i % 65535) + 1}"><state state="${i % 3 ? 'filtered' : 'open'}" reason="x"/></port>\n`,
        `${hostClose}${tail}`,
      ),
  ],
  [
    'hosts up that no module has',
    (bytes) =>
      filled(
        bytes,
        head('1-1024'),
        (i) =>
          `<host><status state="up"/><address addr="10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}" addrtype="ipv4"/></host>\n`,
        tail,
      ),
  ],
  [
    'elements nested inside one another',
    (bytes) => {
      const n = Math.floor((bytes - 300) / 7);
      return `${head('1-1024')}<host>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</host>\n${tail}`;
    },
  ],
];
