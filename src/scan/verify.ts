import type { Span } from '../syntax/position.ts';
import { HostComparison } from './host-comparison.ts';
import type { Scan, ScannedHost } from './nmap-scan.ts';
import type { ModuleToVerify, ModuleVerification, Verification, VerifyFinding } from './verification.ts';
import { severityOf } from './verify-checks.ts';

/**
 * Hosts in the scan without a module are listed one by one up to this many, the rest counted in one finding: a scan of
 * a whole network is not a system's modules, and a report of a finding per host would outgrow the scan many times.
 */
export const maxHostsListed = 1000;

/**
 * Compares a scan with the modules' models: each scanned host is matched to the module with its address, and each
 * probed port judged against what the module's configuration starts there. Pure: the scan and models in, verdicts out.
 */
export function verifyScan(scan: Scan, modules: readonly ModuleToVerify[]): Verification {
  const findings: VerifyFinding[] = [];
  const matched = new Set<ScannedHost>();
  const notScanned = (module: ModuleToVerify, reason: string, span: Span) =>
    findings.push({
      id: 'verify-module-not-scanned',
      severity: severityOf('verify-module-not-scanned'),
      reason,
      span,
      module: module.name,
      related: [],
    });
  const byAddress = new Map<string, ScannedHost>();
  for (const host of scan.hosts)
    for (const address of host.addresses) if (!byAddress.has(address)) byAddress.set(address, host);
  const results = modules.map((module): ModuleVerification => {
    const { name, addresses = [] } = module;
    const address = addresses.find((a) => byAddress.has(a)) ?? addresses[0];
    if (address === undefined) {
      notScanned(
        module,
        `${name} has no address, so no scanned host is matched to it: set "address" in its .vos-audit.json, or use --address`,
        scan.span,
      );
      return { name };
    }
    const host = byAddress.get(address);
    if (host === undefined) {
      notScanned(module, `${name} (${address}) is not in the scan: none of its ports were verified`, scan.span);
      return { name, address };
    }
    // The module's hosts at its other addresses are its own too, not hosts without a module.
    for (const other of addresses) if (byAddress.has(other)) matched.add(byAddress.get(other)!);
    if (host.status !== 'up') {
      notScanned(
        module,
        `${name}'s address ${address} is ${host.status} in the scan${host.statusReason ? ` (${host.statusReason})` : ''}: none of its ports were verified`,
        host.span,
      );
      return { name, address };
    }
    const comparison = new HostComparison(scan, host, { ...module, address }).compare();
    findings.push(...comparison.findings);
    return { name, address, host, tally: comparison.tally };
  });
  const withoutModule = scan.hosts.filter((h) => !matched.has(h) && h.status === 'up');
  const hostWithoutModule = (reason: string, span: Span) =>
    findings.push({
      id: 'verify-host-without-module',
      severity: severityOf('verify-host-without-module'),
      reason,
      span,
      related: [],
    });
  for (const host of withoutModule.slice(0, maxHostsListed)) {
    const shown = [...host.addresses, ...host.hostnames.map((n) => `(${n})`)].join(' ') || 'without an address';
    hostWithoutModule(
      `host ${shown} is in the scan but no module has its address: set "address" in the module's .vos-audit.json, or use --address`,
      host.span,
    );
  }
  const unlisted = withoutModule.length - maxHostsListed;
  if (unlisted > 0)
    hostWithoutModule(
      `${unlisted} more hosts are in the scan but no module has their address; only the first ${maxHostsListed} are listed, one finding each`,
      withoutModule[maxHostsListed]!.span,
    );
  findings.sort((a, b) => a.span.start - b.span.start);
  return { modules: results, findings };
}
