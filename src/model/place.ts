import type { Position } from '../syntax/position.ts';

/** A place in one of the module's files: the evidence for a fact. */
export interface Place {
  file: string;
  position: Position;
}

export function placeText(place: Place): string {
  return `${place.file}:${place.position.start.line}`;
}
