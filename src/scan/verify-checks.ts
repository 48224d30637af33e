import type { Severity } from '../model/settings.ts';

/** One kind of verdict `vos-audit verify` gives, described for its docs and for SARIF's rule list. */
export interface VerifyCheck {
  id: string;
  severity: Severity;
  summary: string;
  rationale: string;
}

const check = <const Id extends string>(id: Id, severity: Severity, summary: string, rationale: string) => ({
  id,
  severity,
  summary,
  rationale,
});

export const verifyChecks = [
  check(
    'verify-unexplained-open-port',
    'error',
    'a port the scan found open where nothing in the module’s configuration starts a listener',
    'Something listens that the configuration does not account for: ' +
      'a daemon started by hand or by a macro vos-audit was not given, ' +
      'a service left running after its line was commented out, or a configuration that is not what the module runs.',
  ),
  check(
    'verify-live-port-closed',
    'warning',
    'a port the model says is live, found closed by the scan',
    'The configuration starts a listener there, but nothing answered: the daemon failed to start or stopped, or the configuration has not been booted yet.',
  ),
  check(
    'verify-condition-settled',
    'info',
    'a conditional listener whose condition the scan settles',
    'The model could not decide the condition (a product not stated with --products, ' +
      'an exists -file test); an open port shows it holds, a closed one that it does not (or that the daemon failed).',
  ),
  check(
    'verify-port-undecided',
    'info',
    'a port the scan could not decide (filtered, open|filtered): never counted as agreement',
    'A filtered TCP port or a UDP port that did not answer may or may not have a listener behind it; ' +
      'the scan says nothing either way, so neither does vos-audit.',
  ),
  check(
    'verify-ports-not-probed',
    'info',
    'the model’s live or conditional ports the scan did not probe, so did not judge',
    'A port outside the scan’s port list is neither confirmed nor contradicted; scan it (nmap -p) to verify it.',
  ),
  check(
    'verify-host-without-module',
    'info',
    'a host in the scan whose address no module has',
    'The scan covers an address vos-audit was given no configuration for; give the module an "address" in its .vos-audit.json, or --address, to verify it.',
  ),
  check(
    'verify-module-not-scanned',
    'warning',
    'a module that could not be verified: no address, not in the scan, or down in it',
    'None of the module’s ports were verified; scan its address, or set its "address" in .vos-audit.json or --address.',
  ),
] as const satisfies readonly VerifyCheck[];

export type VerifyCheckId = (typeof verifyChecks)[number]['id'];

export function severityOf(id: VerifyCheckId): Severity {
  return verifyChecks.find((c) => c.id === id)!.severity;
}
