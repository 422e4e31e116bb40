import type { WarEvent } from '../../src/kinds/event.js';

interface OriginQueue {
  events: WarEvent[];
  /** Events before `head` have been taken off the queue; compacted now and then, not per event. */
  head: number;
}

/**
 * Local events the hub is not known to hold, kept in (origin, seq) order as they arrive, so that building a
 * push batch, counting what is unsynced and dropping what the hub acked each cost what they touch, not a
 * sort of everything unsent. An origin's events almost always arrive in seq order (it is one writer's own
 * counter), so adding is an append; one out of order is placed by binary search.
 */
export class UnsentEvents {
  private readonly queues = new Map<string, OriginQueue>();
  /** Origins in order, rebuilt only when an origin is added. */
  private origins: string[] = [];
  private readonly ids = new Set<string>();

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(e: WarEvent): void {
    if (this.ids.has(e.id)) return;
    this.ids.add(e.id);
    let q = this.queues.get(e.origin);
    if (!q) {
      this.queues.set(e.origin, (q = { events: [], head: 0 }));
      this.origins = [...this.queues.keys()].sort();
    }
    const last = q.events[q.events.length - 1];
    if (last === undefined || q.events.length === q.head || last.seq < e.seq) {
      q.events.push(e);
      return;
    }
    let lo = q.head;
    let hi = q.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (q.events[mid]!.seq < e.seq) lo = mid + 1;
      else hi = mid;
    }
    q.events.splice(lo, 0, e);
  }

  /**
   * Takes off the front of each origin's queue every event `gone` says is no longer unsent (acked by the hub,
   * or refused and set aside). Events behind one that is still unsent stay; a later call takes them.
   */
  dropAcked(gone: (e: WarEvent) => boolean): void {
    for (const origin of this.origins) {
      const q = this.queues.get(origin)!;
      while (q.head < q.events.length && gone(q.events[q.head]!)) this.ids.delete(q.events[q.head++]!.id);
      if (q.head === q.events.length) {
        q.events = [];
        q.head = 0;
      } else if (q.head > 1024 && q.head * 2 > q.events.length) {
        q.events = q.events.slice(q.head);
        q.head = 0;
      }
    }
  }

  /** Removes one event wherever it is (the hub refused it): O(its origin's queue), and rare. */
  remove(e: WarEvent): void {
    if (!this.ids.delete(e.id)) return;
    const q = this.queues.get(e.origin);
    if (!q) return;
    const at = q.events.indexOf(e, q.head);
    if (at >= 0) q.events.splice(at, 1);
  }

  /** Unsent events in (origin, seq) order, up to `max` of them, skipping those `skip` names. */
  *inOrder(skip?: (e: WarEvent) => boolean): Generator<WarEvent> {
    for (const origin of this.origins) {
      const q = this.queues.get(origin)!;
      for (let i = q.head; i < q.events.length; i++) {
        const e = q.events[i]!;
        if (!skip?.(e)) yield e;
      }
    }
  }
}
