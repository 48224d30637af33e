import { inetdBootpTftpActive } from './inetd-bootp-tftp-active.ts';
import { inetdDosTinyService } from './inetd-dos-tiny-service.ts';
import { inetdDuplicateService } from './inetd-duplicate-service.ts';
import { inetdNioFirewall } from './inetd-nio-firewall.ts';
import { inetdSwat } from './inetd-swat.ts';
import { inetdSyntax } from './inetd-syntax.ts';
import { inetdTinyService } from './inetd-tiny-service.ts';
import { inetdUnknownService } from './inetd-unknown-service.ts';
import { inetdUnwrappedService } from './inetd-unwrapped-service.ts';
import type { Rule } from './rule.ts';

export const rules: readonly Rule[] = [
  inetdSyntax,
  inetdDosTinyService,
  inetdTinyService,
  inetdUnwrappedService,
  inetdBootpTftpActive,
  inetdSwat,
  inetdDuplicateService,
  inetdUnknownService,
  inetdNioFirewall,
];

export const docsBaseUrl = 'https://github.com/vos-audit/vos-audit/blob/main/docs/rules/';

export function ruleUrl(rule: Rule): string {
  return `${docsBaseUrl}${rule.id}.md`;
}
