import type { Actor } from '../../../src/model/envelope.js';
import type { WarEvent } from '../../../src/kinds/event.js';
import { parseEvent } from '../../../src/kinds/event.js';
import { HybridClock } from '../../../src/model/hlc.js';
import { newEventId } from '../../../src/model/ids.js';
import type { EventDataInput, EventKind } from '../../../src/kinds/index.js';
import type { Refusal } from '../../../src/sync/protocol.js';
import { eventHash, newOriginFor, type Signer } from '../../identity/event-signature.js';
import type { HubRoom } from '../hub-room.js';

/** One event the hub writes: the opening of a room takes the room's own id, every other a fresh one. */
export interface HubWrite<K extends EventKind = EventKind> {
  kind: K;
  data: EventDataInput<K>;
}

export interface HubWriterOptions {
  /** The hub's own key: its events are signed with it, and its actor id and origin derive from it. */
  hubKey: Signer;
  roomOf: (id: string) => Promise<HubRoom>;
  /** Tells the room what was stored (the same relay pushed events take). */
  relay: (room: string, events: WarEvent[], bytes: number) => void;
  now: () => number;
}

interface OriginTip {
  seq: number;
  hash: string | undefined;
}

/**
 * The hub writing into a room as itself: events signed with the hub's key under an origin of its own (one per
 * process, as any writer's), checked and stored by the very HubRoom.push a peer's events take, then relayed and
 * ordered like them. Writes to one room run one after another, so the origin's seq and chain stay gapless.
 */
export class HubWriter {
  readonly origin: string;
  private readonly clock: HybridClock;
  private readonly tips = new Map<string, OriginTip>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: HubWriterOptions) {
    this.origin = newOriginFor(options.hubKey.key);
    this.clock = new HybridClock(options.now);
  }

  actor(name: string): Actor {
    return { id: this.options.hubKey.actorId, name };
  }

  /** Writes `items` into `room` as `name`, in order; resolves with the stored events, or throws with the hub's reason. */
  write(room: string, name: string, items: readonly HubWrite[]): Promise<WarEvent[]> {
    const before = this.queues.get(room) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => this.writeNow(room, name, items));
    this.queues.set(room, run);
    void run.finally(() => this.queues.get(room) === run && this.queues.delete(room)).catch(() => undefined);
    return run;
  }

  private async writeNow(room: string, name: string, items: readonly HubWrite[]): Promise<WarEvent[]> {
    const { hubKey } = this.options;
    const actor = this.actor(name);
    const tip = this.tips.get(room) ?? { seq: 0, hash: undefined };
    const events: WarEvent[] = [];
    let { seq, hash } = tip;
    for (const item of items) {
      const parsed = parseEvent({
        v: 1,
        id: item.kind === 'incident.opened' ? room : newEventId(),
        incident: room,
        origin: this.origin,
        seq: ++seq,
        at: this.clock.tick(),
        actor,
        kind: item.kind,
        data: item.data,
      });
      if (!parsed.ok) throw new Error(`the hub could not write ${item.kind} into ${room}: ${parsed.error}`);
      const signed = hubKey.signEvent(parsed.value, hash);
      hash = eventHash(signed);
      events.push(signed);
    }
    const target = await this.options.roomOf(room);
    const outcome = await target.push(events, actor, hubKey.key);
    // The chain goes on from the last event the room took (a refusal ends the batch: what follows names it).
    const held = new Set([...outcome.stored.map((e) => e.id), ...outcome.duplicates]);
    const lastHeld = [...events].reverse().find((e) => held.has(e.id));
    if (lastHeld) this.tips.set(room, { seq: lastHeld.seq, hash: eventHash(lastHeld) });
    this.options.relay(room, outcome.stored, outcome.storedBytes);
    const refused: Refusal | undefined = outcome.refused[0];
    if (refused) throw new Error(`the hub refused its own ${events[refused.index]?.kind ?? 'event'} in ${room}: ${refused.reason}`);
    return outcome.stored;
  }
}
