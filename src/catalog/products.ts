/** VOS product codes named by the STCP ports article; STCP is the base system, always present. */
export const products: Readonly<Record<string, string>> = {
  STCP: 'STCP/VOS (base system)',
  S014: 'MQSeries',
  S048: 'VOS RPC and XDR',
  S049: 'IPSEC and IKE',
  S135: 'NFS',
  S266: 'Apache Web Server',
  S268: 'Radius Support',
  S269: 'Samba',
  S270: 'OpenSSL and OpenSSH for VOS',
};
