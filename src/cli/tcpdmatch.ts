import { canonicalAddress } from '../util/address.ts';
import { splitQualified } from '../syntax/hosts-access.ts';
import type { AccessRequest, Endpoint } from '../model/tcpd-policy.ts';

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
