import type { WarEvent } from '../../src/kinds/event.js';
import { utf8Length } from '../../src/sync/protocol.js';
import type { HubStorage, StoredRef } from '../../main/hub/hub-storage.js';

/** An in-memory HubStorage: the smallest adapter, for unit tests and the adapter contract suite. A ref is an index. */
export class MemoryHubStorage implements HubStorage {
  readonly rooms = new Map<string, WarEvent[]>();
  /** Set to make the next append fail, as a full disk would. */
  failNext: Error | null = null;
  /** Rooms the hub let go of (evicted when idle), in order. */
  readonly released: string[] = [];

  async listRooms(): Promise<string[]> {
    return [...this.rooms.keys()];
  }

  async loadRoom(room: string) {
    return { events: [...(this.rooms.get(room) ?? [])], issues: [] };
  }

  async scanRoom(room: string, visit: (e: WarEvent, ref: StoredRef) => void) {
    (this.rooms.get(room) ?? []).forEach((e, at) => visit(e, { at, bytes: utf8Length(JSON.stringify(e)) }));
    return { issues: [] };
  }

  async readEvents(room: string, refs: readonly StoredRef[]): Promise<WarEvent[]> {
    const events = this.rooms.get(room) ?? [];
    return refs.map((r) => {
      const e = events[r.at];
      if (!e) throw new Error(`no event at ${r.at} in ${room}`);
      return e;
    });
  }

  async append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]> {
    await Promise.resolve();
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (events.length === 0) return [];
    const held = this.rooms.get(room) ?? [];
    this.rooms.set(room, held);
    return events.map((e) => ({ at: held.push(e) - 1, bytes: utf8Length(JSON.stringify(e)) }));
  }

  async releaseRoom(room: string): Promise<void> {
    this.released.push(room);
  }

  async close(): Promise<void> {}
}
