import { defineRule } from './rule.ts';
import { whenText } from './support/listeners.ts';
import { commentOutStartLine, reportStartLines } from './support/start-line.ts';

export const rpcServicesLive = defineRule({
  id: 'rpc-services-live',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  suggests: true,
  docs: {
    summary: 'portmap (udp/111) and nfs_server (udp/2049) should run only where NFS is used',
    rationale: [
      'The article: the portmapper (products S135 and S048, "VOS RPC and XDR") acts as "directory assistance" for RPC',
      'applications: they register with it, and clients ask it where they listen. NFS is one of them: nfs_server',
      '(S135) registers with it and binds udp/2049, and mountd "does not always bind to the same port", so NFS cannot',
      'be opened statically through a firewall. VOS does not start them: a site macro called from module_start_up.cm',
      'does. (General Unix knowledge:) the portmapper tells anyone who reaches it which RPC services run, and a lax',
      "NFS export serves the module's files to them. Run them only where an RPC application needs them.",
    ].join('\n'),
    fix: commentOutStartLine,
  },
  examples: [
    {
      title: 'A site macro that starts the portmapper',
      input: {
        'module_start_up.cm': '!(master_disk)>site>start_rpc.cm\n',
        'start_rpc.cm': "start_process '(master_disk)>system>rpc>stcp>command_library>portmap.pm' -privileged\n",
      },
      messages: [
        'start_rpc.cm:1:1 portmap listens on udp/111 when VOS 15.1.1+ or before 15.0: ' +
          'the portmapper is "directory assistance" for RPC applications (S048) and tells anyone who asks ' +
          'where they listen; comment out its start line unless an RPC application needs it',
      ],
      output: {
        'start_rpc.cm': "& start_process '(master_disk)>system>rpc>stcp>command_library>portmap.pm' -privileged\n",
      },
    },
  ],
  check: reportStartLines(['portmap', 'nfs_server'], (listener) =>
    listener.daemon === 'portmap'
      ? `portmap listens on ${listener.protocol}/${listener.port}${whenText(listener)}: ` +
        `the portmapper is "directory assistance" for RPC applications (S048) and tells anyone who asks ` +
        `where they listen; comment out its start line unless an RPC application needs it`
      : `nfs_server listens on ${listener.protocol}/${listener.port}${whenText(listener)}: ` +
        `NFS serves the module's files, and its mountd "does not always bind to the same port"; ` +
        `comment out its start line unless NFS is needed`,
  ),
});
