import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../src/kinds/index.js';

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
