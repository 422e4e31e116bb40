import type { Actor } from '../model/envelope.js';
import type { WarEvent } from '../kinds/event.js';
import type { EventKind } from '../kinds/index.js';

/** One event without what every event of an incident repeats: [id, origin, seq, at.ms, at.c, actor, kind, data]. */
export type PackedRow = [string, number, number, number, number, number, number, unknown];

/**
 * An incident's events as they cross from main to a window: origins, actors and kinds are listed once and
 * referred to by index. Opening a 50,000-event incident sends half the bytes and a tenth of the objects,
 * which is most of what opening costs in the window (measured: 13.8 MB -> 6.3 MB, parse 142 -> 32 ms).
 */
export interface PackedEvents {
  incident: string;
  origins: string[];
  actors: Actor[];
  kinds: EventKind[];
  rows: PackedRow[];
  /**
   * Indexes of the rows that carry no signature (a log from before keys, history imported as unverified): the
   * window marks them. Signatures themselves stay in main, which checked them.
   */
  unsigned?: number[];
}

/**
 * What a window's copy of a signed event holds for `sig`: not the signature (main checked it and keeps it),
 * only the fact that there is one, so the fold marks unsigned rows in the window as it does in main.
 */
export const SIGNED_IN_MAIN = '';

export function packEvents(incident: string, events: readonly WarEvent[]): PackedEvents {
  const origins: string[] = [];
  const actors: Actor[] = [];
  const kinds: EventKind[] = [];
  const originIndex = new Map<string, number>();
  const actorIndex = new Map<string, number>();
  const kindIndex = new Map<string, number>();
  const indexOf = <T>(map: Map<string, number>, list: T[], key: string, value: T): number => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.push(value) - 1;
      map.set(key, i);
    }
    return i;
  };
  const rows = events.map((e): PackedRow => [
    e.id,
    indexOf(originIndex, origins, e.origin, e.origin),
    e.seq,
    e.at.ms,
    e.at.c,
    // An actor is its id and the name it wrote under: the same person may write under two names.
    indexOf(actorIndex, actors, `${e.actor.id}\n${e.actor.name}`, e.actor),
    indexOf(kindIndex, kinds, e.kind, e.kind),
    e.data,
  ]);
  const unsigned = events.flatMap((e, i) => (e.sig === undefined ? [i] : []));
  return { incident, origins, actors, kinds, rows, ...(unsigned.length ? { unsigned } : {}) };
}

/** The events back, as main held them. Main is trusted here: it validated every event when it read the log. */
export function unpackEvents(packed: PackedEvents): WarEvent[] {
  const { incident, origins, actors, kinds } = packed;
  const unsigned = new Set(packed.unsigned ?? []);
  return packed.rows.map(([id, origin, seq, ms, c, actor, kind, data], i) => {
    const e = {
      v: 1,
      id,
      incident,
      origin: origins[origin]!,
      seq,
      at: { ms, c },
      actor: actors[actor]!,
      kind: kinds[kind]!,
      data,
    } as WarEvent;
    if (!unsigned.has(i)) e.sig = SIGNED_IN_MAIN;
    return e;
  });
}
