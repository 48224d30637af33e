import { noteText, type FirewallPolicy, type PeerGroup, type PolicyRule } from '../../policy/rule.ts';
import { moduleId, ruleAnchor } from './anchors.ts';
import { dataTable } from './data-table.ts';
import { html, type Markup } from './markup.ts';
import type { ModuleView } from './system.ts';

type Kernel = 'OSL' | 'OSN';

/** An inbound rule of a module that lets a group of the run's modules reach its OSL or OSN port. */
interface Admission {
  kind: Kernel;
  module: ModuleView;
  number: number;
  rule: PolicyRule;
  group: PeerGroup;
}

const kernels: Record<string, Kernel> = { 'kernel (OSL)': 'OSL', 'kernel (OSN)': 'OSN' };

/** The kernel service a rule admits to, when its ports are a kernel range of the module. */
function kernelOf(module: ModuleView, rule: PolicyRule): Kernel | undefined {
  for (const { listener } of module.listeners) {
    const kernel = kernels[listener.daemon];
    if (kernel !== undefined && listener.protocol === rule.protocol && listener.port === rule.ports[0]) return kernel;
  }
  return undefined;
}

/**
 * Each module's rules that admit a group of modules to its OSL or OSN port: one entry a rule, however many modules
 * the group holds, so that the section grows with the modules, not with their pairs.
 */
function admissionsOf(modules: readonly ModuleView[], policy: FirewallPolicy): Admission[] {
  const groups = new Map(policy.groups.map((group) => [group.name, group]));
  return modules.flatMap((module) =>
    (module.policy?.rules ?? []).flatMap((rule, i): Admission[] => {
      const group = rule.peer.kind === 'group' ? groups.get(rule.peer.group) : undefined;
      const kind = rule.direction === 'in' && rule.action === 'allow' ? kernelOf(module, rule) : undefined;
      return group === undefined || group.modules.length === 0 || kind === undefined
        ? []
        : [{ kind, module, number: i + 1, rule, group }];
    }),
  );
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
const shownSystems = 8;
const box = { width: 200, gap: 90, top: 40, node: 26, step: 36, pad: 14 };

function label(name: string): string {
  const last = name.replace(/\/+$/, '').split('/').at(-1) ?? name;
  return last.length > 24 ? `${last.slice(0, 23)}…` : last;
}

/**
 * The graph of the first systems and their first modules: each system a box of its modules, OSL links as arcs inside
 * it, OSN links as lines between boxes. A link is drawn where a module admits a group that holds a module drawn.
 */
function graph(systems: Map<string, ModuleView[]>, admissions: readonly Admission[]): Markup {
  const at = new Map<ModuleView, { x: number; y: number }>();
  const columns = [...systems].slice(0, shownSystems).map(([system, members], column) => {
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
  const links = new Map<string, { kind: Kernel; ends: [ModuleView, ModuleView] }>();
  const members = new Map<PeerGroup, Set<string>>();
  for (const { kind, module, group } of admissions) {
    if (!at.has(module)) continue;
    const inGroup = members.get(group) ?? new Set(group.modules);
    members.set(group, inGroup);
    for (const peer of at.keys())
      if (peer !== module && inGroup.has(peer.result.name)) {
        const ends: [ModuleView, ModuleView] = peer.index < module.index ? [peer, module] : [module, peer];
        links.set(`${kind} ${ends[0].index} ${ends[1].index}`, { kind, ends });
      }
  }
  const edges = [...links.values()].map((link) => {
    const [a, b] = link.ends.map((end) => at.get(end)!) as [{ x: number; y: number }, { x: number; y: number }];
    const title = html`<title>${link.kind}: ${link.ends[0].result.name} and ${link.ends[1].result.name}</title>`;
    if (link.kind === 'OSL') {
      const bend = 10 + Math.abs(a.y - b.y) / 4;
      const [x, y1, y2] = [a.x, a.y + box.node / 2, b.y + box.node / 2];
      return html`<path class="osl" d="M${x} ${y1}C${x - bend} ${y1} ${x - bend} ${y2} ${x} ${y2}">${title}</path>`;
    }
    const [left, right] = a.x < b.x ? [a, b] : [b, a];
    const width = box.width - 2 * box.pad;
    return html`<line
      class="osn"
      x1="${left.x + width}"
      y1="${left.y + box.node / 2}"
      x2="${right.x}"
      y2="${right.y + box.node / 2}"
      >${title}</line
    >`;
  });
  const drawn = columns.length;
  const width = box.pad * 2 + drawn * box.width + (drawn - 1) * box.gap;
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
      OSL and OSN peers: ${systems.size} systems${drawn < systems.size && `, the first ${drawn} drawn`}; the tables
      below list every module's peers
    </title>
    ${columns.map((c) => c.markup)}${edges}${key}
  </svg>`;
}

const groupId = (index: number) => `g${index}`;

/** One row a rule that admits a group of modules to a module's OSL or OSN port. */
function admissionTable(admissions: readonly Admission[], groupIndex: ReadonlyMap<PeerGroup, number>): Markup {
  const rows = admissions.map(
    ({ kind, module, number, rule, group }) =>
      html`<tr>
        <td><a href="#${moduleId(module)}">${module.result.name}</a></td>
        <td>${kind}</td>
        <td><a href="#${groupId(groupIndex.get(group)!)}">${group.name}</a> (${group.modules.length})</td>
        <td>
          <a href="#${ruleAnchor(module, number)}">rule ${number}</a>${
            rule.condition !== undefined && ` (only if ${rule.condition})`
          }
        </td>
      </tr>`,
  );
  return dataTable({
    className: 'admissions',
    caption: html`Each module's OSL and OSN peers: the group of modules its policy admits, and the rule that does`,
    columns: ['module', 'kind', 'from the modules of', 'allowed by'],
    rows,
  });
}

/** The groups the admissions name, each with its modules, once. */
function groupTable(groups: readonly PeerGroup[]): Markup {
  const rows = groups.map(
    (group, i) =>
      html`<tr id="${groupId(i)}">
        <td>${group.name}</td>
        <td>${group.modules.length}</td>
        <td>${group.modules.join(', ')}</td>
      </tr>`,
  );
  return dataTable({
    className: 'groups',
    caption: html`The groups of modules the policies name as peers`,
    columns: ['group', 'modules', 'its modules'],
    rows,
  });
}

/** The system section: the peers graph and its links, or why there is none. */
export function peersSection(modules: readonly ModuleView[], policy: FirewallPolicy): Markup {
  const systems = systemsOf(modules);
  const admissions = admissionsOf(modules, policy);
  const groups = [...new Set(admissions.map((admission) => admission.group))];
  const groupIndex = new Map(groups.map((group, i) => [group, i]));
  const notes = policy.notes.map(noteText).filter((note) => /\b(OSL|OSN)\b/.test(note));
  const body =
    systems.size === 0
      ? html`<p>
          No module states its system ("system" in .vos-audit.json, or --system): there are no OSL or OSN peers to draw.
        </p>`
      : html`${graph(systems, admissions)}${admissions.length === 0 ? html`<p>No OSL or OSN link is allowed between the modules of this run.</p>` : html`${admissionTable(admissions, groupIndex)}${groupTable(groups)}`}`;
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
