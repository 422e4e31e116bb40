import type { WarEvent } from '../../src/kinds/event.js';
import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';

interface Stored {
  events: WarEvent[];
  bytes: number;
}

/**
 * Relays newly stored events to the rest of a room. What is stored within one turn of the event loop goes out
 * as one message per writer: idle, that is one message per push, as before; under load (a room of a thousand
 * viewers, where each message costs a write per socket) the pushes that completed meanwhile share one write
 * per socket, so the hub catches up instead of falling further behind.
 */
export class HubRelay {
  /** room -> writer's socket id -> what it stored, in order. */
  private pending = new Map<string, Map<string, Stored[]>>();
  private scheduled = false;

  constructor(private readonly send: (room: string, exceptSocket: string, events: WarEvent[]) => void) {}

  relay(room: string, fromSocket: string, events: WarEvent[], bytes: number): void {
    if (events.length === 0) return;
    let writers = this.pending.get(room);
    if (!writers) this.pending.set(room, (writers = new Map()));
    let queue = writers.get(fromSocket);
    if (!queue) writers.set(fromSocket, (queue = []));
    queue.push({ events, bytes });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const pending = this.pending;
    this.pending = new Map();
    for (const [room, writers] of pending) {
      for (const [socket, queue] of writers) {
        // Each push already fits one message; pushes are joined while the joint message still fits.
        let events: WarEvent[] = [];
        let bytes = 0;
        for (const s of queue) {
          if (
            events.length > 0 &&
            (events.length + s.events.length > PROTOCOL_LIMITS.batchEvents || bytes + s.bytes > PROTOCOL_LIMITS.batchBytes)
          ) {
            this.send(room, socket, events);
            events = [];
            bytes = 0;
          }
          events = events.length === 0 ? s.events : events.concat(s.events);
          bytes += s.bytes;
        }
        if (events.length > 0) this.send(room, socket, events);
      }
    }
  }
}
