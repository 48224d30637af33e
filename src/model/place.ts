import type { Position } from '../syntax/position.ts';

/**
 * A place in one of the module's files: the evidence for a fact. It keeps the node it points at and works out the
 * position only when read, since a large file yields a place per line and few of them are ever shown.
 */
export class Place {
  constructor(
    readonly file: string,
    private readonly node: { readonly position: Position },
  ) {}

  get position(): Position {
    return this.node.position;
  }
}

export function placeText(place: Place): string {
  return `${place.file}:${place.position.start.line}`;
}
