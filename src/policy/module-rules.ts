import type { Certainty, ModuleFacts } from './facts.ts';
import { allPorts, rangeText, type LeftOut, type Peer, type PolicyRule, type PortRange } from './rule.ts';

export interface PolicyOptions {
  /** Include the allows that stand on an undecided condition, marked as such, instead of leaving them out. */
  includeConditional: boolean;
  /** Track connections (the default); stateless, every reply needs a rule of its own. */
  stateful: boolean;
}

/** [G] A client of the module may send from any port: the return traffic of a service goes to all of them. */
export const anyClientPort: PortRange = [1, 65535];

export const anyone: Peer = { kind: 'any' };

export function key(protocol: string, ports: PortRange): string {
  return `${protocol}/${rangeText(ports)}`;
}

/** The rules of one module, in the order a firewall must apply them: the first that matches decides. */
export class ModuleRules {
  /** The site's own overrides, which come first. */
  readonly site: PolicyRule[] = [];
  readonly denied: PolicyRule[] = [];
  readonly allowedIn: PolicyRule[] = [];
  readonly allowedOut: PolicyRule[] = [];
  readonly returnIn: PolicyRule[] = [];
  readonly returnOut: PolicyRule[] = [];

  constructor(
    private readonly facts: ModuleFacts,
    private readonly options: PolicyOptions,
    private readonly leftOut: LeftOut[],
  ) {}

  get stateful(): boolean {
    return this.options.stateful;
  }

  /**
   * A rule that holds under `certainty`: kept, kept and marked, or left out with what would decide it. A deny is
   * always kept (marked when conditional): denying a port where nothing listens costs nothing, while leaving it out
   * would let through whatever a later allow admits on that port.
   */
  take(into: PolicyRule[], certainty: Certainty, rule: PolicyRule): boolean {
    if (certainty.state === 'live') into.push(rule);
    else if (this.options.includeConditional || rule.action === 'deny')
      into.push({ ...rule, condition: certainty.condition });
    else {
      this.leftOut.push({
        module: this.facts.name,
        what: describe(rule),
        because: `if ${certainty.condition}`,
        decidedBy: certainty.decidedBy,
        conditional: true,
      });
      return false;
    }
    return true;
  }

  all(): PolicyRule[] {
    const last = (direction: 'in' | 'out'): PolicyRule => ({
      direction,
      action: 'deny',
      protocol: 'any',
      ports: allPorts,
      peer: anyone,
      reason: `deny the rest: nothing the model knows ${direction === 'in' ? 'listens there' : 'sends it'}`,
      evidence: [],
    });
    return [
      ...this.site,
      ...this.denied,
      ...groupsLast([...this.allowedIn, ...this.returnIn]),
      last('in'),
      ...groupsLast([...this.allowedOut, ...this.returnOut]),
      last('out'),
    ];
  }
}

/**
 * Allows with a group of peers after the allows from anyone: their order changes nothing (they all allow), and a
 * format that tests a group's membership in a chain of its own can then drop what is not a member.
 */
export function groupsLast(allows: readonly PolicyRule[]): PolicyRule[] {
  return [...allows.filter((rule) => rule.peer.kind === 'any'), ...allows.filter((rule) => rule.peer.kind !== 'any')];
}

/** A rule in a few words, for the list of rules left out. */
export function describe(rule: PolicyRule): string {
  const peer = rule.peer.kind === 'any' ? '' : ` ${rule.direction === 'in' ? 'from' : 'to'} ${rule.peer.group}`;
  const from = rule.sourcePorts ? ` from port ${rangeText(rule.sourcePorts)}` : '';
  return `${rule.action} ${rule.direction} ${rule.protocol}/${rangeText(rule.ports)}${from}${peer} (${rule.reason})`;
}
