import { rules } from '../../rules/registry.ts';
import type { Rule } from '../../rules/rule.ts';
import { html, type Markup } from './markup.ts';

/** `inline code` as <code>, the rest as text. */
function inline(text: string): Markup {
  return html`${text.split(/(`[^`]+`)/).map((part) => (/^`[^`]+`$/.test(part) ? html`<code>${part.slice(1, -1)}</code>` : part))}`;
}

/** The Markdown of a rule's docs (paragraphs, `- ` lists, fenced code, inline code) as markup. */
function markdown(text: string): Markup {
  const blocks: Markup[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  let code: string[] | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push(html`<p>${inline(paragraph.join(' '))}</p>`);
    if (items.length > 0)
      blocks.push(
        html`<ul>
          ${items.map((item) => html`<li>${inline(item)}</li>`)}
        </ul>`,
      );
    paragraph = [];
    items = [];
  };
  for (const line of text.trim().split('\n')) {
    if (code !== undefined) {
      if (line.startsWith('```')) {
        blocks.push(html`<pre><code>${code.join('\n')}</code></pre>`);
        code = undefined;
      } else code.push(line);
      continue;
    }
    const item = /^\s*[-*] (.*)$/.exec(line);
    if (line.startsWith('```')) {
      flush();
      code = [];
    } else if (line.trim() === '') flush();
    else if (item !== null) {
      if (paragraph.length > 0) flush();
      items.push(item[1]!);
    } else if (items.length > 0 && /^\s/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
    else {
      if (items.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  if (code !== undefined) blocks.push(html`<pre><code>${code.join('\n')}</code></pre>`);
  return html`${blocks}`;
}

function explanation(rule: Rule): Markup {
  return html`<section class="rule" id="rule-${rule.id}" aria-labelledby="rule-${rule.id}-h">
    <h3 id="rule-${rule.id}-h">${rule.id}</h3>
    <p>
      ${inline(rule.docs.summary)}. Severity: ${rule.severity};
      ${rule.fixable ? 'fixable with --fix' : rule.suggests ? 'suggestions with --fix --suggestions' : 'not fixable'}.
    </p>
    <h4>Why</h4>
    ${markdown(rule.docs.rationale)}${
      rule.docs.fix !== undefined &&
      html`<h4>The fix</h4>
        ${markdown(rule.docs.fix)}`
    }
  </section>`;
}

/** The explanation of every rule with a finding on the page, embedded so that the page needs nothing else. */
export function explanations(ruleIds: ReadonlySet<string>): Markup {
  const shown = rules.filter((rule) => ruleIds.has(rule.id));
  return html`<section id="rules" aria-labelledby="rules-h">
    <h2 id="rules-h">What the findings mean</h2>
    ${shown.length === 0 ? html`<p>No findings.</p>` : shown.map(explanation)}
  </section>`;
}
