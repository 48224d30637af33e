import type { ModuleResult } from '../../engine/audit.ts';
import type { Message } from '../../engine/message.ts';
import type { Place } from '../../model/place.ts';
import { certaintyOf } from '../../policy/certainty.ts';
import { peerText, rangeText, type PolicyRule } from '../../policy/rule.ts';
import { listenerId, ruleAnchor } from './anchors.ts';
import { stateMarks } from './marks.ts';
import { html, type Markup } from './markup.ts';
import type { ListenerView, ModuleView, NumberedRule } from './system.ts';

/** A module's files: each line's text, by path, split when first asked for, and each path as the module's page shows it. */
export class SourceLines {
  private readonly texts = new Map<string, string>();
  private readonly split = new Map<string, string[]>();
  private readonly directory: string;

  constructor(result: ModuleResult) {
    for (const file of result.files) this.texts.set(file.source.path, file.source.text);
    this.directory = `${result.name.replace(/\/+$/, '')}/`;
  }

  /** A path inside the module's directory as relative to it: the module's name heads its section already. */
  shown(file: string): string {
    return file.startsWith(this.directory) && file.length > this.directory.length
      ? file.slice(this.directory.length)
      : file;
  }

  line(file: string, line: number): string | undefined {
    let lines = this.split.get(file);
    if (lines === undefined) {
      lines = (this.texts.get(file) ?? '').split(/\r\n|\r|\n/);
      this.split.set(file, lines);
    }
    return lines[line - 1];
  }
}

/** `file:line` and the line's text. */
export function placeItem(place: Place, lines: SourceLines): Markup {
  const line = place.position.start.line;
  const text = lines.line(place.file, line);
  return html`<li>
    <span class="where">${lines.shown(place.file)}:${line}</span>${text !== undefined && html` <code>${text}</code>`}
  </li>`;
}

/** `deny tcp 23 from any`, `allow udp 49152-65535 from any, source port 53`. */
function ruleSummary(rule: PolicyRule): string {
  const source = rule.sourcePorts ? `, source port ${rangeText(rule.sourcePorts)}` : '';
  return `${rule.action} ${rule.protocol} ${rangeText(rule.ports)} from ${peerText(rule.peer)}${source}`;
}

function ruleItem(module: ModuleView, { number, rule }: NumberedRule, deciding: boolean): Markup {
  return html`<li>
    <a href="#${ruleAnchor(module, number)}">rule ${number}</a>${deciding && html` <strong>(decides)</strong>`}:
    ${ruleSummary(rule)}${rule.condition !== undefined && html` <em>only if ${rule.condition}</em>`}
  </li>`;
}

export function findingItem(message: Message, lines: SourceLines): Markup {
  return html`<li>
    <span class="sev ${message.severity}">${message.severity}</span>
    <span class="where">${lines.shown(message.file)}:${message.place.start.line}:${message.place.start.column}</span>
    ${message.reason} <a href="#rule-${message.ruleId}">${message.ruleId}</a>
  </li>`;
}

function adviceItem(view: ListenerView): Markup | false {
  const { advice } = view.listener;
  if (advice === undefined) return false;
  return html`<dt>Advice</dt>
    <dd>${advice.text} <span class="src">(${advice.source})</span></dd>`;
}

/** One listener's evidence: what the matrix cell opens. */
export function listenerEvidence(module: ModuleView, view: ListenerView, lines: SourceLines): Markup {
  const { listener } = view;
  const id = listenerId(module, view);
  const service = listener.daemon.includes(`(${listener.service})`) ? undefined : listener.service;
  const port = listener.lastPort !== undefined ? `${listener.port}–${listener.lastPort}` : String(listener.port);
  const certainty = certaintyOf(listener.state, listener.condition);
  const decidedBy = certainty?.state === 'conditional' ? certainty.decidedBy : undefined;
  const wrapper =
    listener.wrappedBy !== undefined &&
    html`<dt>Wrapped by</dt>
      <dd>${listener.wrappedBy}${listener.admits && `: admits ${listener.admits.text}`}</dd>`;
  const list = (items: readonly Markup[]) =>
    html`<ol>
      ${items}
    </ol>`;
  return html`<article class="ev" id="${id}">
    <h4>
      ${listener.protocol}/${port} ${listener.daemon}${service !== undefined && ` (${service})`} on
      ${module.result.name}
    </h4>
    <dl>
      <dt>State</dt>
      <dd>
        <span class="e ${listener.state}">${stateMarks[listener.state].sign}</span>
        ${listener.state}${listener.condition !== undefined && `: if ${listener.condition}`}${decidedBy !== undefined && html`; decided by ${decidedBy}`}
      </dd>
      ${
        listener.note !== undefined &&
        html`<dt>Note</dt>
          <dd>${listener.note}</dd>`
      }
      <dt>Started by</dt>
      <dd>${listener.startedBy}, ${listener.product}</dd>
      ${wrapper}${adviceItem(view)}${
        view.scanned !== undefined &&
        html`<dt>Scan</dt>
          <dd>${view.scanned}</dd>`
      }
      <dt>Decided at</dt>
      <dd>
        ${
          listener.evidence.length === 0
            ? 'no line of the module: the kernel opens it'
            : list(listener.evidence.map((place) => placeItem(place, lines)))
        }
      </dd>
      ${
        view.findings.length > 0 &&
        html`<dt>Findings</dt>
          <dd>${list(view.findings.map((message) => findingItem(message, lines)))}</dd>`
      }
      <dt>Firewall</dt>
      <dd>
        ${view.rules.length === 0 ? 'no rule' : list(view.rules.map((r) => ruleItem(module, r, r === view.deciding)))}
      </dd>
    </dl>
  </article>`;
}
