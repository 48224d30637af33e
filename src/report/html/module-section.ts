import type { Connection } from '../../model/listener.ts';
import { declaredPortsText, type Settings, type Severity } from '../../model/settings.ts';
import { certaintyOf } from '../../policy/certainty.ts';
import { peerText, rangeText, type LeftOut, type PolicyRule } from '../../policy/rule.ts';
import type { VerifyFinding } from '../../scan/verification.ts';
import type { LineIndex } from '../../syntax/position.ts';
import { listenerId, moduleId, ruleAnchor } from './anchors.ts';
import type { Message } from '../../engine/message.ts';
import { findingItem, listenerEvidence, placeItem, SourceLines } from './evidence.ts';
import { dataTable } from './data-table.ts';
import { html, type Content, type Markup } from './markup.ts';
import type { ListenerView, ModuleView, ScanInput } from './system.ts';

function assumptions(settings: Settings): Markup {
  const facts: Array<[string, string | undefined]> = [
    ['Release', settings.release ? `VOS ${settings.release.text}` : 'not stated: release-bound ports are conditional'],
    [
      'Products',
      settings.products
        ? [...settings.products].sort().join(', ') || 'none'
        : 'not stated: software_purchased conditions stay open',
    ],
    ['NIO', settings.nio ? `yes${settings.nioAddresses ? ` (${settings.nioAddresses.join(', ')})` : ''}` : 'no'],
    ['Address', settings.addresses?.join(', ')],
    ['System', settings.system],
    ['Bridge module', settings.bridge === undefined ? undefined : settings.bridge ? 'yes' : 'no'],
    ['max_open_server', settings.maxOpenServer === undefined ? undefined : String(settings.maxOpenServer)],
    [
      'Site daemons',
      settings.daemons &&
        `${[...settings.daemons.ports].map(([daemon, ports]) => `${daemon} ${declaredPortsText(ports, ' ')}`).join('; ')} (from ${settings.daemons.from})`,
    ],
  ];
  return html`<h3>Assumptions</h3>
    <dl class="facts">
      ${facts.map(
        ([name, value]) =>
          value !== undefined &&
          html`<dt>${name}</dt>
            <dd>${value}</dd>`,
      )}
    </dl>`;
}

const severities: readonly Severity[] = ['error', 'warning', 'info'];

/** The listener each finding is about, when it is about one: its evidence gives the finding in full. */
function listenerOf(module: ModuleView): Map<Message, ListenerView> {
  const about = new Map<Message, ListenerView>();
  for (const view of module.listeners)
    for (const message of view.findings) if (!about.has(message)) about.set(message, view);
  return about;
}

const listenerName = (view: ListenerView) => `${view.listener.protocol}/${view.listener.port} ${view.listener.daemon}`;

/**
 * The module's findings by severity. One about a listener is given in full in the listener's evidence and is only
 * named here, with a link to it, so that the page carries each finding's text once.
 */
function findings(module: ModuleView, lines: SourceLines, about: ReadonlyMap<Message, ListenerView>): Markup {
  if (module.messages.length === 0)
    return html`<h3>Findings</h3>
      <p>None.</p>`;
  const item = (message: Message) => {
    const view = about.get(message);
    if (view === undefined) return findingItem(message, lines);
    return html`<li>
      <span class="sev ${message.severity}">${message.severity}</span>
      <a href="#rule-${message.ruleId}">${message.ruleId}</a> on
      <a href="#${listenerId(module, view)}">${listenerName(view)}</a>
    </li>`;
  };
  const groups = severities.map((severity) => {
    const of = module.messages.filter((m) => m.severity === severity);
    return (
      of.length > 0 &&
      html`<h4>${severity} (${of.length})</h4>
        <ul>
          ${of.map(item)}
        </ul>`
    );
  });
  return html`<h3>Findings</h3>
    ${groups}`;
}

/** A rule's reason; a deny for a finding names the finding and links to where its text is. */
function reasonOf(rule: PolicyRule, module: ModuleView, about: ReadonlyMap<Message, ListenerView>): Content {
  const finding = module.messages.find((m) => rule.reason === `${m.reason} (${m.ruleId})`);
  if (finding === undefined) return rule.reason;
  const view = about.get(finding);
  return html`the ${finding.severity} <a href="#rule-${finding.ruleId}">${finding.ruleId}</a>${
      view !== undefined && html` on <a href="#${listenerId(module, view)}">${listenerName(view)}</a>`
    }`;
}

function policyTable(module: ModuleView, lines: SourceLines, about: ReadonlyMap<Message, ListenerView>): Markup {
  const rules = module.policy?.rules ?? [];
  const rows = rules.map(
    (rule, i) =>
      html`<tr id="${ruleAnchor(module, i + 1)}">
        <td>${i + 1}</td>
        <td>${rule.direction}</td>
        <td>${rule.action}</td>
        <td>${rule.protocol}</td>
        <td>${rangeText(rule.ports)}</td>
        <td>${rule.sourcePorts && rangeText(rule.sourcePorts)}</td>
        <td>${peerText(rule.peer)}</td>
        <td>
          ${reasonOf(rule, module, about)}${rule.condition !== undefined && html` <em>only if ${rule.condition}</em>`}
        </td>
        <td>${rule.evidence.map((place) => lines.shown(place)).join(', ')}</td>
      </tr>`,
  );
  const table = dataTable({
    className: 'rules',
    caption: html`The policy of ${module.result.name}, in order: the first rule that matches decides. Rules that stand
    on an undecided condition are included and marked "only if".`,
    columns: ['#', 'dir', 'action', 'proto', 'ports', 'from ports', 'peer', 'reason', 'evidence'],
    rows,
  });
  return html`<h3>Firewall policy</h3>
    ${table}`;
}

function trafficPort(connection: Connection): string {
  if (connection.port === undefined) return 'varying';
  return connection.kind === 'source port' ? `from ${connection.port}` : `to ${connection.port}`;
}

function outbound(module: ModuleView, lines: SourceLines): Markup {
  const { connections } = module.result.model;
  if (connections.length === 0)
    return html`<h3>Outbound traffic</h3>
      <p>None of the programs it runs starts traffic of its own.</p>`;
  const rows = connections.map(
    (c) =>
      html`<tr>
        <td>${c.program}</td>
        <td>${c.protocol} ${trafficPort(c)}</td>
        <td>
          <span class="e ${c.state}">${c.state}</span
          >${c.condition !== undefined && ` if ${c.condition}`}${c.note !== undefined && `; ${c.note}`}
        </td>
        <td>${c.description}</td>
        <td>
          <ol class="places">
            ${c.evidence.map((place) => placeItem(place, lines))}
          </ol>
        </td>
      </tr>`,
  );
  const table = dataTable({
    caption: html`Traffic the programs of ${module.result.name} start (the policy's outbound rules are in its table
    above)`,
    columns: ['program', 'traffic', 'state', 'what', 'evidence'],
    rows,
  });
  return html`<h3>Outbound traffic</h3>
    ${table}`;
}

function undecided(module: ModuleView, leftOut: readonly LeftOut[], lines: SourceLines): Markup {
  const unresolved = module.result.model.unresolved.map(
    (item) =>
      html`<li>
        ${item.reason}${
          item.place &&
          html`<ol class="places">
            ${placeItem(item.place, lines)}
          </ol>`
        }
      </li>`,
  );
  const conditional = module.listeners.flatMap(({ listener }) => {
    const certainty = certaintyOf(listener.state, listener.condition);
    return certainty?.state === 'conditional'
      ? [
          html`<li>
            ${listener.protocol}/${listener.port} ${listener.daemon}: if ${certainty.condition}; decided by
            ${certainty.decidedBy}
          </li>`,
        ]
      : [];
  });
  const left = leftOut.map((item) => html`<li>${item.what}: ${item.because}; decided by ${item.decidedBy}</li>`);
  const none = unresolved.length + conditional.length + left.length === 0;
  return html`<h3>Undecided</h3>
    ${none && html`<p>Nothing: the model is complete and every listener decided.</p>`}${
      unresolved.length > 0 &&
      html`<h4>What the model could not decide (it is incomplete)</h4>
        <ul>
          ${unresolved}
        </ul>`
    }${
      conditional.length > 0 &&
      html`<h4>Conditional listeners and what would decide them</h4>
        <ul>
          ${conditional}
        </ul>`
    }${
      left.length > 0 &&
      html`<h4>Left out of the policy, and the fact that would decide it</h4>
        <ul>
          ${left}
        </ul>`
    }`;
}

export function scanFindingItem(finding: VerifyFinding, scan: ScanInput, index: LineIndex): Markup {
  return html`<li>
    <span class="sev ${finding.severity}">${finding.severity}</span>
    <span class="where">${scan.name}:${index.point(finding.span.start).line}</span> ${finding.reason}
    <span class="rule">${finding.id}</span>
  </li>`;
}

/** A scan with the index of its lines, made once for the page. */
export interface ScanView {
  input: ScanInput;
  index: LineIndex;
}

function scanned(module: ModuleView, view: ScanView | undefined): Markup | false {
  if (view === undefined) return false;
  const { input: scan, index } = view;
  const tally = module.verification?.tally;
  const found = scan.verification.findings.filter((f) => f.module === module.result.name);
  const counts =
    tally &&
    html`<p>
      ${tally.openAsExpected} open as configured, ${tally.closedAsExpected} closed as configured,
      ${tally.unexplainedOpen} open that nothing explains, ${tally.liveButClosed} live but closed,
      ${tally.conditionsSettled} conditions settled, ${tally.undecided} undecided; ${tally.notProbed} of its
      ${tally.expected} live or conditional ports not probed.
    </p>`;
  return html`<h3>Scan (${scan.name})</h3>
    ${counts || html`<p>The module is not in the scan, or is down in it.</p>`}${
      found.length > 0 &&
      html`<ul>
        ${found.map((f) => scanFindingItem(f, scan, index))}
      </ul>`
    }`;
}

/** The heading of a module's section, which its links and the section's label point at. */
export function moduleHeading(module: ModuleView): Markup {
  return html`<h2 id="${moduleId(module)}-h">Module ${module.result.name}</h2>`;
}

/** Everything about one module: assumptions, findings, each listener's evidence, policy, outbound, undecided, scan. */
export function moduleSection(module: ModuleView, leftOut: readonly LeftOut[], scan: ScanView | undefined): Markup {
  const lines = new SourceLines(module.result);
  const mine = leftOut.filter((item) => item.module === module.result.name);
  const about = listenerOf(module);
  return html`<section class="module" id="${moduleId(module)}" aria-labelledby="${moduleId(module)}-h">
    ${moduleHeading(module)}
    <p><a href="#matrix">back to the matrix</a></p>
    ${assumptions(module.result.settings)}${findings(module, lines, about)}
    <h3>Listeners and their evidence</h3>
    ${module.listeners.length === 0 ? html`<p>None.</p>` : module.listeners.map((view) => listenerEvidence(module, view, lines))}${policyTable(module, lines, about)}${outbound(module, lines)}${undecided(module, mine, lines)}${scanned(module, scan)}
  </section>`;
}
