// Writes a large inetd.conf with VOS `>` paths. Of every ten lines: a prose comment, a blank line, an active tiny
// service, a commented-out entry, a commented-out tcpd entry, a bad line, and four ordinary services bound to their
// own addresses (a large file is one that serves many addresses), so a tenth of the lines are findings of each kind
// and the rest parse and pass. With --augeas-safe the paths use `/` and the bad line is a good one, so that Augeas's
// Inetd lens reads the same amount of text.
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const usage = 'usage: node bench/generate-inetd.mjs [LINES] [--augeas-safe] > inetd.conf   (LINES: default 20000)';
const { values, positionals } = commandLine({
  usage,
  about:
    'Writes a large inetd.conf with VOS > paths to standard output; --augeas-safe writes / paths and no bad lines.',
  options: { 'augeas-safe': { type: 'boolean' } },
  max: 1,
});
const lines = count(positionals[0] ?? '20000', 'LINES', usage);
const augeasSafe = values['augeas-safe'] === true;

const services = ['echo', 'discard', 'chargen', 'daytime', 'time', 'tftp', 'bootps', 'ftp', 'swat', 'finger', 'ntalk'];
const ordinary = ['ftp', 'finger', 'login', 'shell', 'exec', 'auth', 'ntalk', 'comsat'];
const separator = augeasSafe ? '/' : '>';
const program = (name) => `${separator}system${separator}stcp${separator}command_library${separator}${name}.pm`;

function line(i) {
  const service = services[(i * 7) % services.length];
  const socket = i % 3 === 0 ? 'dgram' : 'stream';
  const protocol = socket === 'dgram' ? 'udp' : 'tcp';
  const wait = socket === 'dgram' ? 'wait' : 'nowait';
  switch (i % 10) {
    case 0:
      return `# ${service}: comment line ${i} describing the service below`;
    case 1:
      return '';
    case 2:
      return `${service}\t${socket}\t${protocol}\t${wait}\troot\tinternal`;
    case 3:
      return `#${service}\t${socket}\t${protocol}\t${wait}\troot\t${program(`${service}d`)}\t${service}d`;
    case 4:
      return `#${service}\t${socket}\t${protocol}\t${wait}\troot\t${program('tcpd')}\t${service}d -l`;
    case 9:
      return `${service} ${augeasSafe ? socket : 'strem'} ${protocol} ${wait} root internal`;
    default: {
      const name = ordinary[i % ordinary.length];
      const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      return `${address}:${name} ${socket} ${protocol} ${wait}.400 root:sys ${program(`${name}d`)} ${name}d -s arg${i}`;
    }
  }
}

const out = [];
for (let i = 0; i < lines; i++) out.push(line(i));
process.stdout.write(`${out.join('\n')}\n`);
