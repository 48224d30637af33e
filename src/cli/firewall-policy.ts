import { configuredRules, analyzeModule, type ModuleInput } from '../engine/audit.ts';
import { checkModule } from '../engine/check.ts';
import { writeOutputFiles } from '../io/output-files.ts';
import { addressProblems } from '../policy/addresses.ts';
import { derivePolicy } from '../policy/derive.ts';
import { moduleFacts, type AnalysedModule } from '../policy/from-model.ts';
import type { Message } from '../engine/message.ts';
import type { Settings } from '../model/settings.ts';
import type { FirewallPolicy } from '../policy/rule.ts';
import { formatCapirca } from '../report/firewall/capirca.ts';
import { formatIptables } from '../report/firewall/iptables.ts';
import { formatNftables } from '../report/firewall/nftables.ts';
import { formatFirewallCsv, formatFirewallJson, formatFirewallTable } from '../report/firewall/tables.ts';
import type { TableLayout } from '../report/table.ts';
import type { Remark } from './remarks.ts';

export const firewallFormats = ['table', 'nftables', 'iptables', 'ip6tables', 'capirca', 'csv', 'json'] as const;
export type FirewallFormat = (typeof firewallFormats)[number];

/** The formats that name addresses, which every module must then have. */
const loadable: ReadonlySet<FirewallFormat> = new Set(['nftables', 'iptables', 'ip6tables', 'capirca']);

/** The files `--output DIR` holds for iptables and ip6tables: both, named as iptables-persistent names them. */
const iptablesFiles = { 'rules.v4': 'IPv4', 'rules.v6': 'IPv6' } as const;

export interface FirewallOptions {
  format: FirewallFormat;
  includeConditional: boolean;
  /** Track connections (the default); `--stateless` writes a rule for every reply. */
  stateful: boolean;
  /** Where `capirca` writes its files, and `iptables` or `ip6tables` both of theirs. */
  output?: string;
  /** How the table is laid out: wide, or fitted to a width (the default width when not given). */
  layout?: TableLayout;
}

/** The policy of the modules: each audited, so that what the audit reports as a risk is denied with its reason. */
export function modulesPolicy(
  modules: readonly ModuleInput[],
  options: Pick<FirewallOptions, 'includeConditional' | 'stateful'>,
): FirewallPolicy {
  return auditedPolicy(
    modules.map((input) => {
      const module = analyzeModule(input);
      const { messages } = checkModule(module, input.settings, configuredRules(input.settings));
      return { module, settings: input.settings, messages };
    }),
    options,
  );
}

/** The policy of modules already audited, from their models and findings. */
export function auditedPolicy(
  modules: ReadonlyArray<{ module: AnalysedModule; settings: Settings; messages: readonly Message[] }>,
  options: Pick<FirewallOptions, 'includeConditional' | 'stateful'>,
): FirewallPolicy {
  const facts = modules.map(({ module, settings, messages }) => {
    const findings = messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      reason: m.reason,
      file: m.file,
      line: m.place.start.line,
      ...(m.ports && { ports: m.ports }),
    }));
    return moduleFacts(module, settings, findings);
  });
  return derivePolicy(facts, { includeConditional: options.includeConditional, stateful: options.stateful });
}

/** What stderr says of the policy: the rules left out and why, and what the user should know. */
export function policyRemarks(policy: FirewallPolicy): Remark[] {
  return [
    ...policy.leftOut.map((item) => ({
      module: item.module,
      text:
        `left out: ${item.what}: ${item.because}; ` +
        `decided by ${item.decidedBy}${item.conditional ? ', or include it with --include-conditional' : ''}`,
    })),
    ...policy.notes,
  ];
}

/** The policy in the format asked for: stdout, or for capirca the files written under --output; and any problems. */
export function renderPolicy(policy: FirewallPolicy, options: FirewallOptions): { stdout: string; problems: string[] } {
  const problems = loadable.has(options.format) ? addressProblems(policy, options.format) : [];
  if (problems.length > 0) return { stdout: '', problems };
  switch (options.format) {
    case 'nftables':
      return { stdout: formatNftables(policy), problems };
    case 'iptables':
    case 'ip6tables':
      if (options.output === undefined)
        return { stdout: formatIptables(policy, options.format === 'iptables' ? 'IPv4' : 'IPv6'), problems };
      return {
        stdout: '',
        problems: writeOutputFiles(
          options.output,
          new Map(Object.entries(iptablesFiles).map(([name, family]) => [name, formatIptables(policy, family)])),
        ),
      };
    case 'capirca':
      return { stdout: '', problems: writeOutputFiles(options.output!, formatCapirca(policy)) };
    case 'csv':
      return { stdout: formatFirewallCsv(policy), problems };
    case 'json':
      return { stdout: formatFirewallJson(policy), problems };
    default:
      return { stdout: formatFirewallTable(policy, options.layout), problems };
  }
}
