import type { FirewallClients } from './tcpd-networks.ts';

/** Who may connect to a daemon through tcpd, worked out by asking the policy about one client of each pattern. */
export interface Admission {
  /** A client that no pattern names (by address or name) is admitted. */
  anyone: boolean;
  /** The patterns whose clients are admitted, and those whose clients are not. */
  admitted: string[];
  refused: string[];
  /** `@netgroup` and `/file` patterns: who they stand for is not known without NIS or the file. */
  unknown: string[];
  /** `anyone`, `anyone but 10.9.9.8`, `10.9.9.9 only`, `nobody`. */
  text: string;
  /** The same clients as a firewall can match them: networks, or why it cannot. */
  firewall?: FirewallClients;
}
