import type { Place } from './place.ts';

/**
 * Evidence as a list that shares its tail: the places that led to a start, outermost first. Putting a call in
 * front costs nothing, so a chain of thousands of calls does not copy its evidence at every level.
 */
export interface Trail {
  readonly place: Place;
  readonly next?: Trail;
  readonly length: number;
}

export function placeKey(place: Place): string {
  return `${place.file}\u0000${place.position.start.offset}`;
}

export function trailOf(places: readonly Place[]): Trail {
  let trail: Trail | undefined;
  for (let i = places.length - 1; i >= 0; i--)
    trail = { place: places[i]!, ...(trail && { next: trail }), length: (trail?.length ?? 0) + 1 };
  return trail!;
}

export function placesOf(trail: Trail): Place[] {
  const places: Place[] = [];
  for (let at: Trail | undefined = trail; at !== undefined; at = at.next) places.push(at.place);
  return places;
}

/**
 * `call` in front of `trail`. Where the call may already be in it (macros that run each other), it is taken out
 * first, so that going round a cycle again does not make the evidence longer.
 */
export function withCall(call: Place, trail: Trail, mayRepeat: boolean): Trail {
  if (!mayRepeat) return { place: call, next: trail, length: trail.length + 1 };
  const key = placeKey(call);
  return trailOf([call, ...placesOf(trail).filter((place) => placeKey(place) !== key)]);
}

/** The places of both, each once, those of `a` first. */
export function union(a: Trail, b: Trail): Trail {
  if (a === b) return a;
  const places = placesOf(a);
  const seen = new Set(places.map(placeKey));
  for (const place of placesOf(b)) if (!seen.has(placeKey(place))) places.push(place);
  return places.length === a.length ? a : trailOf(places);
}
