// Writes a long module_start_up.cm in the style of a site macro grown over decades: comments, parameter block,
// product-guarded blocks, variables building program paths, continued start lines, macro calls, dead code.
import { fileURLToPath } from 'node:url';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const products = ['S270', 'S269', 'S266', 'S135'];
const daemons = ['sshd', 'telnet_msd', 'httpd', 'portmap', 'ntpd', 'app_server', 'sync_cfgd'];

/**
 * The macro, `lines` long. Each block tests a file of its own, or, with `conditions`, the &if tests ask that many
 * different questions in all (four products, the rest files), repeated.
 */
export function longMacro(lines, conditions) {
  const files = conditions === undefined ? Infinity : conditions - products.length;
  const out = [
    '& Generated for the vos-audit benchmark.',
    '&begin_parameters',
    '   mode    option(-mode)name,allow(normal,maintenance),=normal',
    '&end_parameters priv',
    '&echo command_lines',
    '&mode no_abort',
  ];
  for (let i = 0; out.length < lines; i++) {
    const product = products[i % products.length];
    const daemon = daemons[i % daemons.length];
    out.push(
      `& block ${i}: ${daemon}, added in ${1990 + (i % 35)}`,
      `&if (exists -file (master_disk)>opt>d${i % files}>${daemon}.pm)`,
      `&then &set_string dir${i} (master_disk)>opt>d${i}`,
      `&else &set_string dir${i} (master_disk)>system>d${i}`,
      `&if (software_purchased ${product}) &then &do`,
      `   start_process &dir${i}&>${daemon}.pm -privileged -priority ${i % 10} &+`,
      `      -process_name ${daemon}_${i} -output_path (master_disk)>system>logs>${daemon}.(date).out`,
      '&end',
      `& start_process 'old_${daemon}.pm -network_port ${2000 + (i % 1000)}' -privileged`,
      `display_line 'block ${i} done; it''s fine' ; !(master_disk)>site>start_site_${i % 50}`,
    );
  }
  out.length = lines;
  return `${out.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const usage =
    'usage: node bench/generate-macro.mjs [--conditions N] [LINES] > module_start_up.cm   (LINES: default 10000)';
  const { positionals, values } = commandLine({
    usage,
    about: `Writes a long site macro to standard output. With --conditions N (more than ${products.length}), its &if tests ask N different questions (four products, the rest files), repeated; without, each block tests a file of its own.`,
    options: { conditions: { type: 'string' } },
    max: 1,
  });
  const lines = count(positionals[0] ?? '10000', 'LINES', usage);
  const conditions = values.conditions === undefined ? undefined : count(values.conditions, '--conditions', usage);
  if (conditions !== undefined && conditions <= products.length) {
    process.stderr.write(`--conditions must be more than ${products.length}\n${usage}\n`);
    process.exit(2);
  }
  process.stdout.write(longMacro(lines, conditions));
}
