import type { WarEvent } from '../../src/model/envelope.js';
import type { HubStorage } from '../../main/hub/hub-storage.js';

/** An in-memory HubStorage: the smallest adapter, for unit tests and the adapter contract suite. */
export class MemoryHubStorage implements HubStorage {
  readonly rooms = new Map<string, WarEvent[]>();
  /** Set to make the next append fail, as a full disk would. */
  failNext: Error | null = null;

  async listRooms(): Promise<string[]> {
    return [...this.rooms.keys()];
  }

  async loadRoom(room: string) {
    return { events: [...(this.rooms.get(room) ?? [])], issues: [] };
  }

  async append(room: string, events: readonly WarEvent[]): Promise<void> {
    await Promise.resolve();
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (events.length === 0) return;
    this.rooms.set(room, [...(this.rooms.get(room) ?? []), ...events]);
  }

  async close(): Promise<void> {}
}
