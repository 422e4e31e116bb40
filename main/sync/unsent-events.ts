import type { WarEvent } from '../../src/kinds/event.js';

/**
 * Local events the hub is not known to hold, in the order this log took them in. They are pushed in that order,
 * so the hub gives them positions in it: an incident shared for the first time keeps the order (and the
 * hypothesis numbers) it had here. Each origin's events are taken in in seq order (one writer's own counter), so
 * pushing in this order also keeps every origin's chain in order.
 */
export class UnsentEvents {
  private readonly events = new Map<string, WarEvent>();

  get size(): number {
    return this.events.size;
  }

  has(id: string): boolean {
    return this.events.has(id);
  }

  add(e: WarEvent): void {
    if (!this.events.has(e.id)) this.events.set(e.id, e);
  }

  /** Takes off every event `gone` says is no longer unsent (acked by the hub, or refused and set aside). */
  dropAcked(gone: (e: WarEvent) => boolean): void {
    for (const [id, e] of this.events) if (gone(e)) this.events.delete(id);
  }

  remove(e: WarEvent): void {
    this.events.delete(e.id);
  }

  /** Unsent events in the order taken in, skipping those `skip` names. */
  *inOrder(skip?: (e: WarEvent) => boolean): Generator<WarEvent> {
    for (const e of this.events.values()) if (!skip?.(e)) yield e;
  }
}
