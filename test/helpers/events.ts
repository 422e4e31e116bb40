import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../src/kinds/index.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';

/** Builds valid events by hand for pure tests, with explicit clocks so order is under the test's control. */
export class EventFactory {
  private seq = 0;
  constructor(
    readonly incident = 'inc_test000001',
    readonly origin = 'o_testorigin',
    readonly actor: Actor = { id: 'u_alice00001', name: 'Alice' },
  ) {}

  make<K extends EventKind>(kind: K, data: EventDataInput<K>, at: number, id?: string): WarEvent {
    this.seq++;
    const r = parseEvent({
      v: 1,
      id: id ?? (kind === 'incident.opened' ? this.incident : `e_${this.origin.slice(2, 8)}${String(this.seq).padStart(6, '0')}`),
      incident: this.incident,
      origin: this.origin,
      seq: this.seq,
      at: { ms: at, c: 0 },
      actor: this.actor,
      kind,
      data,
    });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }
}

/**
 * A peer's folder after receiving `agreed` (the room's agreed order) the way sync delivers it: the events in
 * `arrival` order (any order, repeats allowed) in chunks of `chunk`, and the hub's positions in ranges of
 * `rangeSize`, each sent once its events' chunk went (or, with `positionsFirst`, before).
 */
export function delivered(
  incident: string,
  agreed: readonly WarEvent[],
  arrival: readonly WarEvent[],
  { chunk = 1, rangeSize = 3, positionsFirst = false }: { chunk?: number; rangeSize?: number; positionsFirst?: boolean } = {},
): IncidentFolder {
  const folder = new IncidentFolder(incident);
  const order = () => {
    for (let i = 0; i < agreed.length; i += rangeSize) {
      const r = folder.order({ from: i + 1, ids: agreed.slice(i, i + rangeSize).map((e) => e.id) });
      if (!r.ok) throw new Error(r.error);
    }
  };
  if (positionsFirst) order();
  for (let i = 0; i < arrival.length; i += chunk) folder.add(arrival.slice(i, i + chunk));
  if (!positionsFirst) order();
  return folder;
}
