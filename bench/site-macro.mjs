// A module_start_up.cm in the shape of a real site's, as a vendor's professional services write them: a change
// log, a parameter block, STCP, OSL servers started in a counting loop, the VOS system daemons, twenty optional
// tools each behind an `&if (exists -file …)`, sshd behind S270 with its path chosen by another test, Samba behind
// S269, Apache behind S266, ntpd, and site housekeeping that tests a file for each step. Illustrative: written for
// vos-audit's benchmark and samples, not taken from any site.
//   node bench/site-macro.mjs [LINES] > module_start_up.cm   (LINES: default 912, the length of the real one)
import { fileURLToPath } from 'node:url';
import { commandLine, count } from '../scripts/lib/command-line.mjs';

const tools = [
  'sysmon',
  'batch_queue',
  'print_spooler',
  'tape_catalog',
  'audit_collector',
  'perf_trace',
  'disk_watch',
  'mail_relay',
  'cron_runner',
  'log_rotate',
  'snapshot_agent',
  'license_check',
  'time_report',
  'queue_watch',
  'backup_stage',
  'user_sync',
  'print_router',
  'alert_forwarder',
  'config_archive',
  'health_probe',
];

/** The macro, `lines` long (at least the fixed part, about 300 lines). */
export function siteMacro(lines = 912) {
  const out = [
    "& module_start_up.cm: illustrative, written for vos-audit; the shape of a site macro, not any site's own.",
    '&',
    '& Change log',
  ];
  for (let year = 1998; year < 2026; year++)
    out.push(
      `&   ${year}-0${(year % 9) + 1}-1${year % 10}  ${['added', 'moved', 'reworked'][year % 3]} the ${tools[year % tools.length]} block`,
    );
  out.push(
    '&',
    '&begin_parameters',
    '   max_servs     number,=4',
    '   quiet         switch(-quiet),=0',
    '&end_parameters priv',
    '&echo command_lines',
    '&mode no_abort',
    '&',
    '& ---- STCP ----',
    '!(master_disk)>system>stcp>start_stcp.cm',
    '&set stcp_status (command_status)',
    "&if &stcp_status& ^= 0 &then display_line 'STCP did not start: status &stcp_status&'",
    '&',
    '& ---- OSL ----',
    "start_process 'osl_daemon' -privileged -priority 7 -process_name osl_daemon -output_path (master_disk)>system>osl>osl_daemon.out",
    "start_process 'osl_admin' -privileged -priority 6 -process_name osl_admin",
    "start_process 'osl_overseer' -privileged -process_name osl_overseer",
    '&set count 1',
    '&label LOOP',
    "start_process 'osl_server -server_number &count&' -privileged -priority 6 -process_name osl_server_&count&",
    '&set count &count& + 1',
    '&if &count& <= &max_servs& &then &goto LOOP',
    '&',
    '& ---- VOS system daemons ----',
    "start_process 'iso_server' -privileged -process_name iso_server",
    "start_process 'tli_disconnect_daemon' -privileged -process_name tli_disconnect",
    "start_process '(master_disk)>system>command_library>overseer' -privileged -process_name overseer",
    "start_process 'copy_dump -wait' -privileged -process_name copy_dump",
    "start_process 'posix_regdb_server' -privileged -process_name posix_regdb",
    '&',
    '& ---- NTP ----',
    '!(master_disk)>system>ntp>start_ntpd.cm',
    '&',
    '& ---- ssh (S270) ----',
    '&if (software_purchased S270) &then &do',
    '   &if (exists -file (master_disk)>opt>openssl>sbin>sshd.pm)',
    '   &then &set_string prefix_dir (master_disk)>opt>openssl>sbin',
    '   &else &set_string prefix_dir (master_disk)>system>openssl>sbin',
    '   start_process &prefix_dir&>sshd.pm -privileged -priority 6 -root &+',
    '      -output_path (master_disk)>system>openssl>sshd.out',
    '&end',
    '&',
    '& ---- Samba (S269) ----',
    '&if (software_purchased S269) &then &do',
    '   &if (exists -file (master_disk)>opt>samba>bin>start_samba.cm)',
    '   &then !(master_disk)>opt>samba>bin>start_samba.cm',
    '&end',
    '&',
    '& ---- Apache (S266) ----',
    '&if (software_purchased S266) &then &do',
    "   start_process '(master_disk)>opt>apache>bin>httpd.pm -f (master_disk)>opt>apache>conf>httpd.conf' &+",
    '      -privileged -process_name httpd -output_path (master_disk)>opt>apache>logs>httpd.out',
    '&end',
    '&',
    '& ---- databases and backup ----',
    '&if (exists -file (master_disk)>opt>mysql>bin>mysqld.pm)',
    "&then start_process '(master_disk)>opt>mysql>bin>mysqld.pm' -privileged -process_name mysqld",
    '&if (exists -file (master_disk)>opt>ndmp>ndmpd.pm)',
    "&then start_process '(master_disk)>opt>ndmp>ndmpd.pm' -privileged -process_name ndmpd",
    '&',
    '& ---- optional tools ----',
  );
  tools.forEach((tool, i) => {
    out.push(
      `& ${tool}: installed on some modules only`,
      `&if (exists -file (master_disk)>opt>${tool}>bin>${tool}.pm) &then &do`,
      `   set_library_paths command (master_disk)>opt>${tool}>bin -after`,
      `   attach_default_output (master_disk)>system>logs>${tool}.(date).out`,
      `   display_line '${tool} set up'`,
      '   detach_default_output',
      '&end',
      `&else display_line '${tool} is not installed on (current_module)'`,
    );
    if (i % 5 === 4) out.push('&');
  });
  out.push('&', '& ---- housekeeping ----');
  const tail = ['&', '& ---- done ----', "display_line 'module_start_up.cm done'", '&return'];
  for (let step = 0; out.length + 5 + tail.length <= lines; step++) {
    out.push(
      `& step ${step}: keep ${tools[step % tools.length]}'s working files`,
      `&if ^ (exists -dir (master_disk)>site>work>w${step})`,
      `&then create_dir (master_disk)>site>work>w${step}`,
      `give_access (master_disk)>site>work>w${step} *.* -access modify`,
      `display_line 'step ${step} done; it''s fine'`,
    );
  }
  while (out.length + tail.length < lines) out.push('&');
  out.push(...tail);
  return `${out.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const usage = 'usage: node bench/site-macro.mjs [LINES] > module_start_up.cm   (LINES: default 912)';
  const { positionals } = commandLine({ usage, about: 'Writes a site-shaped macro to standard output.', max: 1 });
  process.stdout.write(siteMacro(count(positionals[0] ?? '912', 'LINES', usage)));
}
