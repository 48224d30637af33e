import type { ModuleFacts } from './facts.ts';
import { lastComponent, type Peer, type PeerGroup, type PortRange } from './rule.ts';

/**
 * The run's peer groups, each made once and named uniquely (a module may be named like a group), so that a group's
 * addresses are written once however many modules' rules name it.
 */
export class Groups {
  readonly all: PeerGroup[] = [];
  private readonly byKey = new Map<string, PeerGroup>();
  private readonly taken: Set<string>;

  constructor(run: readonly ModuleFacts[]) {
    this.taken = new Set(run.map((module) => module.name));
  }

  peer(key: string, make: () => Omit<PeerGroup, 'name'> & { name: string }): Peer {
    let group = this.byKey.get(key);
    if (group === undefined) {
      const made = make();
      let name = made.name;
      for (let n = 2; this.taken.has(name); n++) name = `${made.name} (${n})`;
      this.taken.add(name);
      group = { ...made, name };
      this.byKey.set(key, group);
      this.all.push(group);
    }
    return { kind: 'group', group: group.name };
  }
}

/**
 * OSL's peers are the modules of the module's system; OSN's, the bridge modules of the other systems. Each system's
 * groups are made once, from an index of the run, so that the work grows with the modules, not their square.
 */
export class KernelPeers {
  private readonly bySystem = new Map<string, ModuleFacts[]>();
  private readonly bridges: ModuleFacts[];
  private readonly ranges = new Map<string, PortRange | undefined>();

  constructor(
    run: readonly ModuleFacts[],
    private readonly groups: Groups,
  ) {
    for (const module of run) {
      if (module.system === undefined) continue;
      const members = this.bySystem.get(module.system);
      if (members) members.push(module);
      else this.bySystem.set(module.system, [module]);
    }
    this.bridges = run.filter((m) => m.bridge === true && m.system !== undefined);
  }

  of(
    facts: ModuleFacts,
    kernel: 'OSL' | 'OSN',
  ): { peer: () => Peer; who: string; none: string; others: number } | { missing: string; decidedBy: string } {
    const system = facts.system;
    if (system === undefined)
      return { missing: "the module's system is not known", decidedBy: '"system" in .vos-audit.json, or --system' };
    const own = this.bySystem.get(system)!;
    if (kernel === 'OSL') {
      const who = `the modules of system ${system}`;
      const peer = () =>
        this.groups.peer(`OSL ${system}`, () => ({
          name: `modules of system ${system}`,
          what: who,
          stem: `osl_${system}`,
          modules: own.map((m) => m.name),
        }));
      return { peer, who, none: `no other module of system ${system}`, others: own.length - 1 };
    }
    const who = `the bridge modules of systems other than ${system}`;
    const others = this.bridges.length - own.filter((m) => m.bridge === true).length;
    const peer = () =>
      this.groups.peer(`OSN ${system}`, () => ({
        name: `bridges outside system ${system}`,
        what: who,
        stem: `osn_${system}`,
        modules: this.bridges.filter((m) => m.system !== system).map((m) => m.name),
      }));
    return { peer, who, none: `no bridge module of another system`, others };
  }

  /** The peers' ports of a kernel range: from its first port to the highest end any peer's range has. */
  peerPorts(facts: ModuleFacts, kernel: 'OSL' | 'OSN'): PortRange | undefined {
    const key = `${kernel} ${facts.system}`;
    if (!this.ranges.has(key)) {
      const peers =
        kernel === 'OSL'
          ? (this.bySystem.get(facts.system!) ?? [])
          : this.bridges.filter((m) => m.system !== facts.system);
      const ranges = peers.flatMap((m) => m.services.flatMap((s) => (s.kernel === kernel && s.ports ? [s.ports] : [])));
      this.ranges.set(
        key,
        ranges.length === 0 ? undefined : [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))],
      );
    }
    return this.ranges.get(key);
  }
}

/** The NIO as a peer: a group of its addresses, none when none is known. */
export function nioPeer(facts: ModuleFacts, groups: Groups): Peer {
  return groups.peer(`NIO ${facts.name}`, () => ({
    name: `NIO of ${facts.name}`,
    what: `the NIO of module ${facts.name}`,
    stem: `nio_${lastComponent(facts.name)}`,
    modules: [],
    nio: { module: facts.name, addresses: facts.nioAddresses ?? [] },
  }));
}
