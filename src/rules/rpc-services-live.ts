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
      'The portmapper tells RPC clients where RPC services listen; nfs_server (product S135) serves files over NFS',
      "on udp/2049 and registers with it, and its mount daemon takes a port that changes. VOS does not start them:",
      'a site macro called from module_start_up.cm does. Together they let anyone who reaches the module list its',
      'RPC services and, with a lax export, read its files. Run them only where NFS is needed, and keep udp/111,',
      'udp/2049 and the mount port behind a firewall.',
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
        'start_rpc.cm:1:1 Unexpected portmap on udp/111: RPC services are open to anyone who reaches the module; comment out its start line unless NFS is needed',
      ],
      output: {
        'start_rpc.cm': "& start_process '(master_disk)>system>rpc>stcp>command_library>portmap.pm' -privileged\n",
      },
    },
  ],
  check: reportStartLines(['portmap', 'nfs_server'], (listener) =>
    `Unexpected ${listener.daemon} on ${listener.protocol}/${listener.port}${whenText(listener)}: RPC services are open to anyone who reaches the module; comment out its start line unless NFS is needed`,
  ),
});
