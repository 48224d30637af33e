import { maxPatternFileBytes, PatternFile } from '../model/tcpd-pattern-file.ts';
import { modulePolicy } from '../model/tcpd-module-policy.ts';
import { readRules } from '../syntax/hosts-access.ts';
import { defineRule } from './rule.ts';

export const hostsAccessPatternFile = defineRule({
  id: 'hosts-access-pattern-file',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: "a `/path` list of patterns should be among the module's files",
    rationale: [
      'A client pattern that starts with `/` names a file of patterns, which tcpd reads at every connection; a file',
      "that does not exist matches nothing. vos-audit reads only the module's own files: when the list is not among",
      "them, who the rule admits is unknown to it (and to a reviewer of the module's configuration). Keep the list in",
      'the module, or write its addresses in the rule. A list is read like a hosts file, up to the same size (32 kB);',
      'a longer one is not read, and who the rule admits is unknown again.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A list kept elsewhere',
      input: { 'hosts.allow': 'tftpd: /etc/tftp.clients\n' },
      messages: [
        "hosts.allow:1:8 Pattern file '/etc/tftp.clients' is not among the module's files, " +
          'so who this rule admits is unknown; add the file to the module or write the addresses in the rule',
      ],
    },
  ],
  check(context) {
    const policy = modulePolicy(context.module.files);
    for (const file of context.module.files) {
      if (file.kind !== 'hosts-access') continue;
      for (const pattern of readRules(file.tree).flatMap((rule) => rule.clients)) {
        if (pattern.kind !== 'file') continue;
        const found = policy.patternFile(pattern.pattern);
        if (found instanceof PatternFile) continue;
        context.report({
          file,
          span: { start: pattern.start, end: pattern.end },
          reason:
            found === undefined
              ? `Pattern file '${pattern.pattern}' is not among the module's files, ` +
                `so who this rule admits is unknown; add the file to the module or write the addresses in the rule`
              : `Pattern file '${pattern.pattern}' is ${(found.bytes / 1024).toFixed(1)} kB, ` +
                `more than the ${maxPatternFileBytes / 1024} kB vos-audit reads of a pattern file (as of a hosts ` +
                `file), so who this rule admits is unknown; keep the list shorter, or write the addresses in the rule`,
        });
      }
    }
  },
});
