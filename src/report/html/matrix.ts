import type { Listener } from '../../model/listener.ts';
import { listenerId, moduleId } from './anchors.ts';
import { cellMarks, otherMarks, stateMarks } from './marks.ts';
import { html, type Markup } from './markup.ts';
import type { ListenerView, ModuleView } from './system.ts';

/** A column of the matrix: one protocol and port (a kernel range by its first port). */
interface Column {
  key: string;
  protocol: string;
  port: number;
  /** The range's end when some listener in the column is a range: `3200` or `…`. */
  rangeEnd?: string;
  /** The service the most listeners in it name. */
  service?: string;
}

const columnKey = (listener: Listener) => `${listener.protocol}/${listener.port}`;

function mostCommon(names: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function columnsOf(modules: readonly ModuleView[]): Column[] {
  const byKey = new Map<string, Listener[]>();
  for (const module of modules)
    for (const { listener } of module.listeners) {
      const key = columnKey(listener);
      byKey.set(key, [...(byKey.get(key) ?? []), listener]);
    }
  return [...byKey]
    .map(([key, listeners]): Column => {
      const first = listeners[0]!;
      const ends = listeners.flatMap((l) =>
        l.lastPort !== undefined ? [String(l.lastPort)] : l.rangeEnd !== undefined ? ['…'] : [],
      );
      const service = mostCommon(listeners.flatMap((l) => (l.service === undefined ? [] : [l.service])));
      return {
        key,
        protocol: first.protocol,
        port: first.port,
        ...(ends.length > 0 && { rangeEnd: new Set(ends).size === 1 ? ends[0]! : '…' }),
        ...(service !== undefined && { service }),
      };
    })
    .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

function portLabel(column: Column): string {
  return column.rangeEnd === undefined ? String(column.port) : `${column.port}–${column.rangeEnd}`;
}

function cell(module: ModuleView, views: readonly ListenerView[]): Markup {
  if (views.length === 0) return html`<td></td>`;
  const entries = views.map((view) => {
    const marks = cellMarks(view);
    const { listener } = view;
    const said = `${listener.daemon}: ${marks.map((m) => m.words).join(', ')}`;
    // The label says in words what the signs say; it starts with the signs, which are what the link shows. (Words
    // hidden from the eye in an element of their own cost a positioned box each: at 1,000 modules, a second more of
    // layout.)
    const signs = marks.map((m) => m.sign).join('');
    return html`<a class="e ${listener.state}" href="#${listenerId(module, view)}" aria-label="${signs} ${said}"
      >${signs}</a
    >`;
  });
  return html`<td data-s="${views.map((v) => v.listener.state).join(' ')}">${entries}</td>`;
}

/** Counts for sorting the rows: live listeners, and findings at warning or above. */
function rowCounts(module: ModuleView): { live: number; findings: number } {
  return {
    live: module.listeners.filter((v) => v.listener.state === 'live').length,
    findings: module.messages.filter((m) => m.severity !== 'info').length,
  };
}

/** The modules × ports matrix: a table with a header cell for each module and each port, one link per listener. */
export function matrixTable(modules: readonly ModuleView[]): Markup {
  const columns = columnsOf(modules);
  const head = columns.map((column) => {
    const live = modules.filter((m) =>
      m.listeners.some((v) => columnKey(v.listener) === column.key && v.listener.state === 'live'),
    ).length;
    return html`<th scope="col" data-key="${column.key}" data-port="${column.port}" data-live="${live}">
      <span class="port">${portLabel(column)}</span>
      <span class="proto">${column.protocol}</span
      >${column.service !== undefined && html` <span class="svc">${column.service}</span>`}
    </th>`;
  });
  const rows = modules.map((module) => {
    const byKey = new Map<string, ListenerView[]>();
    for (const view of module.listeners) {
      const key = columnKey(view.listener);
      byKey.set(key, [...(byKey.get(key) ?? []), view]);
    }
    const counts = rowCounts(module);
    const cells = columns.map((column) => cell(module, byKey.get(column.key) ?? []));
    return html`<tr data-name="${module.result.name}" data-live="${counts.live}" data-findings="${counts.findings}">
      <th scope="row"><a href="#${moduleId(module)}">${module.result.name}</a></th>
      ${cells}
    </tr>`;
  });
  return html`<div class="scroll" id="matrix-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">
    <table id="matrix" class="matrix">
      <caption id="matrix-caption">
        Modules × ports: ${modules.length} modules, ${columns.length} ports. Each link is a listener; it opens its
        evidence.
      </caption>
      <thead>
        <tr>
          <th scope="col">module</th>
          ${head}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** The legend of the matrix: each state's colour and letter, and the other signs. */
export function legend(): Markup {
  const states = Object.entries(stateMarks).map(
    ([state, mark]) => html`<li><span class="e ${state}" aria-hidden="true">${mark.sign}</span> ${mark.words}</li>`,
  );
  const others = otherMarks.map(
    (mark) => html`<li><span class="sign" aria-hidden="true">${mark.sign}</span> ${mark.words}</li>`,
  );
  return html`<div class="legend">
    <h3>Legend</h3>
    <ul class="states">
      ${states}
    </ul>
    <ul>
      ${others}
    </ul>
    <p>
      A cell's first letter is the listener's state; the signs after it are what the firewall policy, tcpd, the audit
      and the scan say. A cell with two listeners has two links.
    </p>
  </div>`;
}
