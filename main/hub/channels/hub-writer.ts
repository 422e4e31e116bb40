import type { WarEvent } from '../../../src/kinds/event.js';
import { HybridClock } from '../../../src/model/hlc.js';
import { newEventId } from '../../../src/model/ids.js';
import { parseEvent } from '../../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../../src/kinds/index.js';
import { eventHash, newOriginFor, type Signer } from '../../identity/event-signature.js';
import type { HubRoom, PushOutcome } from '../hub-room.js';

/** The name the hub writes under; its id derives from its key, like everyone's. */
export const HUB_ACTOR_NAME = 'War Room hub';

/**
 * The hub writing in a room as itself: what only it knows (what the mail server answered for each customer).
 * Its events are signed with the hub's key and chained like any writer's (one origin per process), stored
 * through the room's own checks, and relayed to the room by the caller.
 */
export class HubWriter {
  private readonly origin: string;
  private readonly clock: HybridClock;
  /** Per room: this origin's last event there (seq and hash). */
  private readonly tips = new Map<string, { seq: number; hash: string }>();

  constructor(
    private readonly key: Signer,
    now: () => number = Date.now,
  ) {
    this.origin = newOriginFor(key.key);
    this.clock = new HybridClock(now);
  }

  get actor(): { id: string; name: string } {
    return { id: this.key.actorId, name: HUB_ACTOR_NAME };
  }

  /** Stamps, signs and stores the events in `room`; resolves with what the room stored or refused. */
  async write<K extends EventKind>(room: HubRoom, items: ReadonlyArray<{ kind: K; data: EventDataInput<K> }>): Promise<PushOutcome> {
    const events: WarEvent[] = [];
    let tip = this.tips.get(room.id);
    for (const { kind, data } of items) {
      const seq = (tip?.seq ?? 0) + 1;
      const unsigned = {
        v: 1,
        id: newEventId(),
        incident: room.id,
        origin: this.origin,
        seq,
        at: this.clock.tick(),
        actor: this.actor,
        kind,
        data,
      };
      const parsed = parseEvent(unsigned);
      if (!parsed.ok) throw new Error(`the hub made an event it cannot store: ${parsed.error}`);
      const signed = this.key.signEvent(parsed.value, tip?.hash);
      events.push(signed);
      tip = { seq, hash: eventHash(signed) };
    }
    const outcome = await room.push(events, this.actor);
    // Only what was stored moves the chain on; a refusal leaves the origin where the room has it.
    const stored = new Set(outcome.stored.map((e) => e.id).concat(outcome.duplicates));
    const last = [...events].reverse().find((e) => stored.has(e.id));
    if (last) this.tips.set(room.id, { seq: last.seq, hash: eventHash(last) });
    return outcome;
  }
}
