import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseModuleFiles } from '../../model/files.ts';
import { modulePolicy } from '../../model/tcpd-module-policy.ts';
import { evaluate, type AccessRequest, type Endpoint } from '../../model/tcpd-policy.ts';
import type { TableLayout } from '../../report/table.ts';
import { formatTcpdmatch, type TcpdmatchFormat } from '../../report/tcpdmatch.ts';
import { splitQualified } from '../../syntax/hosts-pattern-kind.ts';
import { canonicalAddress } from '../../util/address.ts';
import type { CommandContext } from '../command.ts';
import { requestBase, withModuleOptions, type ModuleFlags } from '../options.ts';
import { outcome, stop, type RunOutcome } from '../outcome.ts';
import { readModules, type RequestBase } from '../read-modules.ts';
import { layoutFor, wideOption } from '../terminal-width.ts';

/** Answer as tcpdmatch would, from one module's hosts.allow and hosts.deny. */
export interface TcpdmatchRequest extends RequestBase {
  command: 'tcpdmatch';
  daemon: string;
  client: string;
  format: TcpdmatchFormat;
  layout?: TableLayout;
}

interface TcpdmatchFlags extends ModuleFlags {
  format: TcpdmatchFormat;
  wide?: boolean;
}

const examples = `
Examples:
  $ vos-audit tcpdmatch tftpd 10.9.9.9 samples/nio-v-series
  $ vos-audit tcpdmatch --format json tftpd.pm root@10.1.2.3 m1

It reads one module's hosts.allow and hosts.deny. A client given by address has no name here (no DNS), so name
patterns (.example.com, KNOWN, LOCAL …) do not match it; the output says where that could change the answer.`;

export function defineTcpdmatch(context: CommandContext<TcpdmatchRequest>): Command {
  return withModuleOptions(
    new Command('tcpdmatch')
      .description(
        "Answer as tcpdmatch would: may this client use this daemon, by the module's hosts.allow and hosts.deny? " +
          'Names are never looked up.',
      )
      .argument(
        '<daemon[@server]>',
        'the daemon as tcpd names it (tftpd or tftpd.pm), and the server address it is reached at',
      )
      .argument('<[user@]client>', 'the client: a numeric address, or a host name (matched only by name patterns)')
      .argument('[paths...]', "the module's directory or its files (default: the current directory)")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addOption(wideOption('each answer and note on one line'))
      .addHelpText('after', examples),
  ).action((daemon: string, client: string, paths: string[], flags: TcpdmatchFlags) => {
    // `tcpdmatch tftpd m1`: the client forgotten, the module's path taken for it (a client named like a path in the
    // current directory is still asked about when the paths follow it).
    if (paths.length === 0 && existsSync(client))
      throw new InvalidArgumentError(
        `missing client: ${client} is a path; expected vos-audit tcpdmatch ${daemon} [USER@]CLIENT ${client}`,
      );
    const request: TcpdmatchRequest = {
      ...requestBase(paths, flags, context.streams),
      command: 'tcpdmatch',
      daemon,
      client,
      format: flags.format,
      layout: layoutFor(flags.wide, context.streams),
    };
    context.submit(request, flags.debug ?? false);
  });
}

/** A host given on the command line: an address when it reads as one, else a name (never looked up). */
function endpoint(host: string): Endpoint {
  const address = canonicalAddress(host);
  return address === undefined ? { name: host } : { address };
}

/** `tcpdmatch`'s arguments, `daemon[@server]` and `[user@]client`, as a request. */
export function accessRequest(daemonArgument: string, clientArgument: string): AccessRequest {
  const [daemon, server] = splitQualified(daemonArgument);
  const [user, client] = splitQualified(clientArgument);
  return {
    daemon,
    server: server === undefined ? {} : endpoint(server),
    client: endpoint(client ?? user),
    ...(client !== undefined && { user }),
  };
}

/** `vos-audit tcpdmatch`: one module's policy asked about one request, as tcpdmatch would be. */
export function tcpdmatch(request: TcpdmatchRequest): RunOutcome {
  const { modules, problems } = readModules(request);
  if (modules.length !== 1) {
    const found = modules.map((module) => module.name).join(', ');
    return stop(
      problems,
      `tcpdmatch reads one module's policy; the paths given hold ${modules.length}${found ? ` (${found})` : ''}: name one`,
    );
  }
  const asked = accessRequest(request.daemon, request.client);
  const verdict = evaluate(modulePolicy(parseModuleFiles(modules[0]!.files)), asked);
  return outcome(
    formatTcpdmatch(asked, verdict, request.format, request.daemon, request.client, request.layout),
    problems,
  );
}
