import { languages } from '../languages/registry.ts';
import { tcpdBootpTftpAdmitsEveryone } from './tcpd-bootp-tftp-admits-everyone.ts';
import { tcpdAdmitsEveryone } from './tcpd-admits-everyone.ts';
import { tcpdNioTftp } from './tcpd-nio-tftp.ts';
import { tcpdNioAddressUnknown } from './tcpd-nio-address-unknown.ts';
import { tcpdNoDefaultDeny } from './tcpd-no-default-deny.ts';
import { hostsAccessUnknownDaemon } from './hosts-access-unknown-daemon.ts';
import { hostsAccessUnreachableRule } from './hosts-access-unreachable-rule.ts';
import { hostsAllowAll } from './hosts-allow-all.ts';
import { hostsAccessDnsPattern } from './hosts-access-dns-pattern.ts';
import { hostsAccessPatternFile } from './hosts-access-pattern-file.ts';
import { inetdBootpTftpActive } from './inetd-bootp-tftp-active.ts';
import { inetdDosTinyService } from './inetd-dos-tiny-service.ts';
import { inetdDuplicateService } from './inetd-duplicate-service.ts';
import { inetdNioFirewall } from './inetd-nio-firewall.ts';
import { inetdSwat } from './inetd-swat.ts';
import { inetdTcpdWithoutDaemon } from './inetd-tcpd-without-daemon.ts';
import { inetdTinyService } from './inetd-tiny-service.ts';
import { inetdUnknownService } from './inetd-unknown-service.ts';
import { inetdUnwrappedService } from './inetd-unwrapped-service.ts';
import { inetdNotStarted } from './inetd-not-started.ts';
import { inetdTrustService } from './inetd-trust-service.ts';
import { inetdCleartextService } from './inetd-cleartext-service.ts';
import { nioNeeds } from './nio-needs.ts';
import { portConflict } from './port-conflict.ts';
import { syncCfgdFirewall } from './sync-cfgd-firewall.ts';
import { ntpdNotStarted } from './ntpd-not-started.ts';
import { rpcServicesLive } from './rpc-services-live.ts';
import { rsnTelnetPort } from './rsn-telnet-port.ts';
import type { Rule } from './rule.ts';
import { syntaxRule } from './support/syntax-errors.ts';
import { sshdPasswordOnly } from './sshd-password-only.ts';
import { sshdRootLogin } from './sshd-root-login.ts';
import { suppressionWithoutReason } from './suppression-without-reason.ts';
import { syncCfgdWithoutNio } from './sync-cfgd-without-nio.ts';
import { telnetCleartextLogin } from './telnet-cleartext-login.ts';
import { telnetMsdStarted } from './telnet-msd-started.ts';
import { telnetWithoutSshd } from './telnet-without-sshd.ts';
import { unusedSuppression } from './unused-suppression.ts';

/** Every rule: first each language's syntax rule, in the languages' order, then the rules written one a file. */
export const rules: readonly Rule[] = [
  ...languages.map(syntaxRule),
  inetdDosTinyService,
  inetdTinyService,
  inetdUnwrappedService,
  inetdBootpTftpActive,
  inetdSwat,
  inetdTcpdWithoutDaemon,
  inetdDuplicateService,
  inetdUnknownService,
  inetdNioFirewall,
  inetdNotStarted,
  inetdTrustService,
  inetdCleartextService,
  portConflict,
  nioNeeds,
  telnetWithoutSshd,
  telnetCleartextLogin,
  rsnTelnetPort,
  telnetMsdStarted,
  syncCfgdWithoutNio,
  syncCfgdFirewall,
  rpcServicesLive,
  ntpdNotStarted,
  tcpdBootpTftpAdmitsEveryone,
  tcpdAdmitsEveryone,
  tcpdNioTftp,
  tcpdNioAddressUnknown,
  tcpdNoDefaultDeny,
  hostsAllowAll,
  hostsAccessUnknownDaemon,
  hostsAccessUnreachableRule,
  hostsAccessDnsPattern,
  hostsAccessPatternFile,
  sshdRootLogin,
  sshdPasswordOnly,
  suppressionWithoutReason,
  unusedSuppression,
];

/** Every rule's id, in the order above: what names in configs, suppressions and `explain` are checked against. */
export const ruleIds: readonly string[] = rules.map((rule) => rule.id);
