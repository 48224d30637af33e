import type { FirewallPolicy, Peer, PolicyRule } from '../../policy/rule.ts';
import { ruleAnchor } from './anchors.ts';
import { dataTable } from './data-table.ts';
import { html, type Markup } from './markup.ts';
import type { ModuleView } from './system.ts';

type Kernel = 'OSL' | 'OSN';

/** Two modules that the policy lets talk over OSL or OSN, and the rules (of either end) that allow it. */
interface Link {
  kind: Kernel;
  ends: [ModuleView, ModuleView];
  rules: Array<{ module: ModuleView; number: number; rule: PolicyRule }>;
}

const kernels: Record<string, Kernel> = { 'kernel (OSL)': 'OSL', 'kernel (OSN)': 'OSN' };

/** The modules of the run a peer stands for: its group's (none for anyone, or for an NIO). */
function peerModules(policy: FirewallPolicy, peer: Peer): readonly string[] {
  return peer.kind === 'group' ? (policy.groups.find((group) => group.name === peer.group)?.modules ?? []) : [];
}

/** The kernel service a rule admits to, when its ports are a kernel range of the module. */
function kernelOf(module: ModuleView, rule: PolicyRule): Kernel | undefined {
  for (const { listener } of module.listeners) {
    const kernel = kernels[listener.daemon];
    if (kernel !== undefined && listener.protocol === rule.protocol && listener.port === rule.ports[0]) return kernel;
  }
  return undefined;
}

function linksOf(modules: readonly ModuleView[], policy: FirewallPolicy): Link[] {
  const byName = new Map(modules.map((module) => [module.result.name, module]));
  const links = new Map<string, Link>();
  for (const module of modules)
    (module.policy?.rules ?? []).forEach((rule, i) => {
      if (rule.direction !== 'in' || rule.action !== 'allow') return;
      const kind = kernelOf(module, rule);
      if (kind === undefined) return;
      for (const name of peerModules(policy, rule.peer)) {
        const peer = byName.get(name);
        if (peer === undefined || peer === module) continue;
        const ends: [ModuleView, ModuleView] = peer.index < module.index ? [peer, module] : [module, peer];
        const key = `${kind} ${ends[0].index} ${ends[1].index}`;
        const link = links.get(key) ?? { kind, ends, rules: [] };
        link.rules.push({ module, number: i + 1, rule });
        links.set(key, link);
      }
    });
  return [...links.values()];
}

/** The modules of each system, in the order of the run; modules with no system are left out. */
function systemsOf(modules: readonly ModuleView[]): Map<string, ModuleView[]> {
  const systems = new Map<string, ModuleView[]>();
  for (const module of modules) {
    const system = module.result.settings.system;
    if (system !== undefined) systems.set(system, [...(systems.get(system) ?? []), module]);
  }
  return systems;
}

const shownPerSystem = 12;
const box = { width: 200, gap: 90, top: 40, node: 26, step: 36, pad: 14 };

function label(name: string): string {
  const last = name.replace(/\/+$/, '').split('/').at(-1) ?? name;
  return last.length > 24 ? `${last.slice(0, 23)}…` : last;
}

/** The graph: each system a box of its modules, OSL links as arcs inside it, OSN links as lines between boxes. */
function graph(systems: Map<string, ModuleView[]>, links: readonly Link[]): Markup {
  const at = new Map<ModuleView, { x: number; y: number }>();
  const columns = [...systems].map(([system, members], column) => {
    const x = box.pad + column * (box.width + box.gap);
    const shown = members.slice(0, shownPerSystem);
    const nodes = shown.map((module, row) => {
      const y = box.top + box.pad + row * box.step;
      at.set(module, { x: x + box.pad, y });
      return html`<g class="node${module.result.settings.bridge ? ' bridge' : ''}"
        ><title>${module.result.name}${module.result.settings.bridge ? ' (bridge module)' : ''}</title
        ><rect x="${x + box.pad}" y="${y}" width="${box.width - 2 * box.pad}" height="${box.node}" rx="4" /><text
          x="${x + box.pad + 8}"
          y="${y + 17}"
          >${label(module.result.name)}${module.result.settings.bridge ? ' (bridge)' : ''}</text
        ></g
      >`;
    });
    const more = members.length - shown.length;
    const height = box.pad * 2 + shown.length * box.step + (more > 0 ? 20 : 0);
    return {
      height,
      markup: html`<g class="system"
        ><rect x="${x}" y="${box.top}" width="${box.width}" height="${height}" rx="8" /><text
          class="title"
          x="${x + 8}"
          y="${box.top - 8}"
          >system ${system}</text
        >${nodes}${more > 0 && html`<text x="${x + box.pad}" y="${box.top + height - 12}">and ${more} more</text>`}</g
      >`,
    };
  });
  const edges = links.flatMap((link) => {
    const [a, b] = link.ends.map((end) => at.get(end));
    if (a === undefined || b === undefined) return [];
    const title = html`<title>${link.kind}: ${link.ends[0].result.name} and ${link.ends[1].result.name}</title>`;
    if (link.kind === 'OSL') {
      const bend = 10 + Math.abs(a.y - b.y) / 4;
      const [x, y1, y2] = [a.x, a.y + box.node / 2, b.y + box.node / 2];
      return [html`<path class="osl" d="M${x} ${y1}C${x - bend} ${y1} ${x - bend} ${y2} ${x} ${y2}">${title}</path>`];
    }
    const [left, right] = a.x < b.x ? [a, b] : [b, a];
    const width = box.width - 2 * box.pad;
    return [
      html`<line
        class="osn"
        x1="${left.x + width}"
        y1="${left.y + box.node / 2}"
        x2="${right.x}"
        y2="${right.y + box.node / 2}"
        >${title}</line
      >`,
    ];
  });
  const width = box.pad * 2 + systems.size * box.width + (systems.size - 1) * box.gap;
  const height = box.top + Math.max(...columns.map((c) => c.height)) + 50;
  const key = html`<g class="key"
    ><line class="osl" x1="${box.pad}" y1="${height - 20}" x2="${box.pad + 30}" y2="${height - 20}" /><text
      x="${box.pad + 36}"
      y="${height - 16}"
      >OSL (dashed)</text
    ><line class="osn" x1="${box.pad + 140}" y1="${height - 20}" x2="${box.pad + 170}" y2="${height - 20}" /><text
      x="${box.pad + 176}"
      y="${height - 16}"
      >OSN (solid)</text
    ></g
  >`;
  return html`<svg
    class="peers"
    role="img"
    aria-labelledby="peers-title"
    viewBox="0 0 ${Math.max(width, 320)} ${height}"
    width="${Math.max(width, 320)}"
    height="${height}"
  >
    <title id="peers-title">
      OSL and OSN peers: ${systems.size} systems, ${links.length} links; the table below lists them
    </title>
    ${columns.map((c) => c.markup)}${edges}${key}
  </svg>`;
}

function linkTable(links: readonly Link[]): Markup {
  const rows = links.map(
    (link) =>
      html`<tr>
        <td>${link.ends[0].result.name} ↔ ${link.ends[1].result.name}</td>
        <td>${link.kind}</td>
        <td>
          ${link.rules.map(
            ({ module, number, rule }, i) =>
              html`${i > 0 && ', '}<a href="#${ruleAnchor(module, number)}">rule ${number} of ${module.result.name}</a
                >${rule.condition !== undefined && ` (only if ${rule.condition})`}`,
          )}
        </td>
      </tr>`,
  );
  return dataTable({
    caption: html`Each link between modules and the rules that allow it (each module's policy allows its own end)`,
    columns: ['modules', 'kind', 'allowed by'],
    rows,
  });
}

/** The system section: the peers graph and its links, or why there is none. */
export function peersSection(modules: readonly ModuleView[], policy: FirewallPolicy): Markup {
  const systems = systemsOf(modules);
  const links = linksOf(modules, policy);
  const notes = policy.notes.filter((note) => /\b(OSL|OSN)\b/.test(note));
  const body =
    systems.size === 0
      ? html`<p>
          No module states its system ("system" in .vos-audit.json, or --system): there are no OSL or OSN peers to draw.
        </p>`
      : html`${graph(systems, links)}${links.length === 0 ? html`<p>No OSL or OSN link is allowed between the modules of this run.</p>` : linkTable(links)}`;
  return html`<section id="system" aria-labelledby="system-h">
    <h2 id="system-h">The system: OSL and OSN peers</h2>
    ${body}${
      notes.length > 0 &&
      html`<ul>
        ${notes.map((note) => html`<li>${note}</li>`)}
      </ul>`
    }
  </section>`;
}
