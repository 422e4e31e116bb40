import type { WarEvent } from '../kinds/event.js';

/** origin -> highest seq held with no gap below it. What a peer has, in a few bytes per writer. */
export type VersionVector = Record<string, number>;

/**
 * Builds the vector of a set of events. Only the contiguous prefix per origin counts, so a peer that holds
 * seq 1, 2 and 4 says "2" and is sent 3 (and 4 again, which it ignores by id).
 */
export function vectorOf(events: Iterable<WarEvent>): VersionVector {
  const seqs = new Map<string, Set<number>>();
  for (const e of events) {
    let s = seqs.get(e.origin);
    if (!s) seqs.set(e.origin, (s = new Set()));
    s.add(e.seq);
  }
  const vector: VersionVector = Object.create(null) as VersionVector;
  for (const [origin, s] of seqs) {
    let n = 0;
    while (s.has(n + 1)) n++;
    if (n > 0) vector[origin] = n;
  }
  return vector;
}
