import type { WarEvent } from '../../src/kinds/event.js';
import type { OrderRange, SignedHead } from '../../src/model/room-order.js';
import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';

interface Stored {
  events: WarEvent[];
  bytes: number;
}

export interface RelaySinks {
  /** Newly stored events (`bytes` of their JSON), to everyone in the room but their writer. */
  events(room: string, exceptSocket: string, events: WarEvent[], bytes: number): void;
  /** Positions just given out, to everyone in the room, with the head they lead to. */
  order(room: string, range: OrderRange, head: SignedHead): void;
  /** The room's signed head as it stands. */
  head(room: string): SignedHead | null;
}

/**
 * Relays newly stored events to the rest of a room, then the positions they took in its agreed order. What is
 * stored within one turn of the event loop goes out as one message per writer: idle, that is one message per
 * push, as before; under load (a room of a thousand viewers, where each message costs a write per socket) the
 * pushes that completed meanwhile share one write per socket, so the hub catches up instead of falling further
 * behind. The order follows the events in the same turn, so a peer has an event before it hears its position.
 */
export class HubRelay {
  /** room -> writer's socket id -> what it stored, in order. */
  private pending = new Map<string, Map<string, Stored[]>>();
  /**
   * room -> positions given out since the last flush, in order. Contiguous on a hub of its own; with several
   * hubs on one store, the positions between two of this hub's writes went to other hubs' writes.
   */
  private ordered = new Map<string, OrderRange[]>();
  private scheduled = false;

  constructor(private readonly sinks: RelaySinks) {}

  relay(room: string, fromSocket: string, events: WarEvent[], bytes: number): void {
    if (events.length === 0) return;
    let writers = this.pending.get(room);
    if (!writers) this.pending.set(room, (writers = new Map()));
    let queue = writers.get(fromSocket);
    if (!queue) writers.set(fromSocket, (queue = []));
    queue.push({ events, bytes });
    this.schedule();
  }

  /** Positions a room gave out, in order (each range after the previous one, right after it on a hub alone). */
  order(room: string, range: OrderRange): void {
    const held = this.ordered.get(room);
    const last = held?.[held.length - 1];
    if (!held) this.ordered.set(room, [range]);
    else if (last && last.from + last.ids.length === range.from)
      held[held.length - 1] = { from: last.from, ids: last.ids.concat(range.ids) };
    else held.push(range);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const pending = this.pending;
    const ordered = this.ordered;
    this.pending = new Map();
    this.ordered = new Map();
    for (const [room, writers] of pending) for (const [socket, queue] of writers) this.flushWriter(room, socket, queue);
    for (const [room, ranges] of ordered) {
      const head = this.sinks.head(room);
      if (!head) continue;
      // A message holds at most 50,000 positions (orderRangeSchema); a flush rarely gives out more than a few.
      for (const range of ranges) {
        for (let i = 0; i < range.ids.length; i += ORDER_MESSAGE_IDS) {
          this.sinks.order(room, { from: range.from + i, ids: range.ids.slice(i, i + ORDER_MESSAGE_IDS) }, head);
        }
      }
    }
  }

  private flushWriter(room: string, socket: string, queue: readonly Stored[]): void {
    // Each push already fits one message; pushes are joined while the joint message still fits.
    let events: WarEvent[] = [];
    let bytes = 0;
    for (const s of queue) {
      if (
        events.length > 0 &&
        (events.length + s.events.length > PROTOCOL_LIMITS.batchEvents || bytes + s.bytes > PROTOCOL_LIMITS.batchBytes)
      ) {
        this.sinks.events(room, socket, events, bytes);
        events = [];
        bytes = 0;
      }
      events = events.length === 0 ? s.events : events.concat(s.events);
      bytes += s.bytes;
    }
    if (events.length > 0) this.sinks.events(room, socket, events, bytes);
  }
}

const ORDER_MESSAGE_IDS = 20_000;
