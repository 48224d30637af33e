import { Command, InvalidArgumentError, Option } from 'commander';
import { addressOption, addressProblem } from '../address-option.ts';
import type { CommandContext } from '../command.ts';
import { systemOption } from '../system-option.ts';
import {
  firewallFormats,
  modulesPolicy,
  policyRemarks,
  renderPolicy,
  type FirewallFormat,
  type FirewallOptions,
} from '../firewall-policy.ts';
import { requestBase, withModuleOptions, type ModuleFlags } from '../options.ts';
import { outcome, stop, type RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';

/** Derive and print (or, for capirca, write) each module's firewall policy. */
export interface FirewallRequest extends RequestBase, FirewallOptions {
  command: 'firewall';
}

interface FirewallFlags extends ModuleFlags {
  format: FirewallFormat;
  output?: string;
  includeConditional?: boolean;
  stateless?: boolean;
}

const examples = `
Examples:
  $ vos-audit firewall modules/                                  the policy of each module, as a table
  $ vos-audit firewall --format nftables modules/ > vos.nft && nft -c -f vos.nft
  $ vos-audit firewall --format iptables modules/m1 | iptables-restore --test
  $ vos-audit firewall --format iptables --output rules modules/      rules/rules.v4 and rules/rules.v6
  $ vos-audit firewall --format capirca --output acl modules/
      then: aclgen --base_directory=acl --definitions_directory=acl/def --output_directory=acl/out
  $ vos-audit firewall --format json --include-conditional modules/

Addresses, systems, bridge modules and max_open_server come from each module's .vos-audit.json ("address",
"system", "bridge", "maxOpenServer", "nioAddress") or these options. nftables, iptables, ip6tables and capirca
need every module's address; table, csv and json do not. The policy is stateful (connections tracked) unless
--stateless is given; capirca is always stateless, as the filters it renders are.`;

export function defineFirewall(context: CommandContext<FirewallRequest>): Command {
  return withModuleOptions(
    new Command('firewall')
      .description(
        "Write each module's firewall policy, inbound and outbound, every rule with its reason and evidence: " +
          'as a table, nftables, iptables, ip6tables, Capirca, CSV or JSON.',
      )
      .argument('[paths...]', 'module directories or files (default: the current directory)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(firewallFormats).default('table'))
      .option(
        '--output <dir>',
        'with --format capirca: the directory to write pol/ and def/ to; with iptables or ip6tables: where to write both rules.v4 and rules.v6',
      )
      .option(
        '--stateless',
        'write rules for replies instead of tracking connections (a reply rule admits by source port: the header says what that exposes)',
      )
      .option(
        '--include-conditional',
        'include the rules that depend on an undecided condition, marked as such, instead of leaving them out',
      )
      .addOption(addressOption())
      .addOption(systemOption())
      .addHelpText('after', examples),
  ).action((paths: string[], flags: FirewallFlags) => {
    if (flags.format === 'capirca' && flags.output === undefined)
      throw new InvalidArgumentError('--format capirca writes a directory of files: give it with --output DIR');
    if (flags.output !== undefined && !['capirca', 'iptables', 'ip6tables'].includes(flags.format))
      throw new InvalidArgumentError(
        `--output goes with --format capirca, iptables or ip6tables; --format ${flags.format} prints to standard output`,
      );
    const request: FirewallRequest = {
      ...requestBase(paths, flags, context.streams),
      command: 'firewall',
      format: flags.format,
      includeConditional: flags.includeConditional ?? false,
      // Capirca's platforms here (Juniper filters, Cisco ACLs) do not track connections: their replies need rules.
      stateful: !(flags.stateless ?? false) && flags.format !== 'capirca',
      ...(flags.output !== undefined && { output: flags.output }),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** `vos-audit firewall`: the modules' policy, rendered or written; what was left out of it on stderr. */
export function firewall(request: FirewallRequest): RunOutcome {
  const { modules, problems } = readModules(request);
  const conflict = addressProblem(request, modules);
  if (conflict !== undefined) return stop(problems, conflict);
  const policy = modulesPolicy(modules, request);
  const rendered = renderPolicy(policy, request);
  return outcome(rendered.stdout, [...problems, ...rendered.problems], {
    remarks: policyRemarks(policy),
    verbose: request.verbose ?? false,
  });
}
