import { UserError } from '../io/errors.ts';
import { audit, type AuditRequest } from './commands/audit.ts';
import { diff, type DiffRequest } from './commands/diff.ts';
import { firewall, type FirewallRequest } from './commands/firewall.ts';
import { ports, type PortsRequest } from './commands/ports.ts';
import { report, type ReportRequest } from './commands/report.ts';
import { tcpdmatch, type TcpdmatchRequest } from './commands/tcpdmatch.ts';
import { verify, type VerifyRequest } from './commands/verify.ts';
import { stop, type RunOutcome } from './outcome.ts';

export type { OutputFormat } from './options.ts';
export type { RunOutcome } from './outcome.ts';

/** What a command that reads modules is asked to do, as its flags say. */
export type RunRequest =
  AuditRequest | PortsRequest | VerifyRequest | TcpdmatchRequest | FirewallRequest | ReportRequest | DiffRequest;

/** The whole run, from paths to what is printed and the exit code; the CLI only parses arguments and prints. */
export async function run(request: RunRequest): Promise<RunOutcome> {
  try {
    switch (request.command) {
      case 'audit':
        return await audit(request);
      case 'ports':
        return ports(request);
      case 'verify':
        return verify(request);
      case 'tcpdmatch':
        return tcpdmatch(request);
      case 'firewall':
        return firewall(request);
      case 'report':
        return report(request);
      case 'diff':
        return diff(request);
    }
  } catch (error) {
    // A configuration that cannot be read, a path that cannot be used: one line, exit 2.
    if (error instanceof UserError) return stop([], error.message);
    throw error;
  }
}
