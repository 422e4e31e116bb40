import type { WarEvent } from '../../src/kinds/event.js';
import { utf8Length } from '../../src/sync/protocol.js';
import type { HubStorage, RoomWriter, SharedOrder, StoredRef } from '../../main/hub/hub-storage.js';

/** What several MemoryHubStorage views share: the rooms and, per room, the write lock's queue. */
interface Backing {
  rooms: Map<string, WarEvent[]>;
  locks: Map<string, Promise<unknown>>;
}

/**
 * An in-memory HubStorage: the smallest adapter, for unit tests and the adapter contract suite. A ref is the
 * event's position (1-based). With `shared: true` it also keeps the order the way a database several hubs share
 * does (a lock per room, positions given at commit, duplicates and forks refused); `another()` is a second hub's
 * view of the same rooms.
 */
export class MemoryHubStorage implements HubStorage {
  readonly rooms: Map<string, WarEvent[]>;
  /** Set to make the next append fail, as a full disk would. */
  failNext: Error | null = null;
  /** Rooms the hub let go of (evicted when idle), in order. */
  readonly released: string[] = [];
  readonly shared: SharedOrder | undefined;
  private readonly backing: Backing;

  constructor(options: { shared?: boolean; backing?: Backing } = {}) {
    this.backing = options.backing ?? { rooms: new Map(), locks: new Map() };
    this.rooms = this.backing.rooms;
    this.shared = options.shared
      ? { write: (room, work) => this.write(room, work), scanAfter: (r, a, v) => this.scanAfter(r, a, v) }
      : undefined;
  }

  /** Another hub's view of the same storage (shared only). */
  another(): MemoryHubStorage {
    return new MemoryHubStorage({ shared: this.shared !== undefined, backing: this.backing });
  }

  async listRooms(): Promise<string[]> {
    return [...this.rooms.keys()];
  }

  async loadRoom(room: string) {
    return { events: [...(this.rooms.get(room) ?? [])], issues: [] };
  }

  async scanRoom(room: string, visit: (e: WarEvent, ref: StoredRef) => void) {
    await this.scanAfter(room, 0, visit);
    return { issues: [] };
  }

  async readEvents(room: string, refs: readonly StoredRef[]): Promise<WarEvent[]> {
    const events = this.rooms.get(room) ?? [];
    return refs.map((r) => {
      const e = events[r.at - 1];
      if (!e) throw new Error(`no event at ${r.at} in ${room}`);
      return e;
    });
  }

  async append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]> {
    await Promise.resolve();
    if (events.length === 0) return [];
    if (this.shared) return this.write(room, (tx) => tx.append(events));
    this.failIfAsked();
    const held = this.heldIn(room);
    return events.map((e) => ({ at: held.push(e), bytes: utf8Length(JSON.stringify(e)) }));
  }

  async releaseRoom(room: string): Promise<void> {
    this.released.push(room);
  }

  async close(): Promise<void> {}

  private async scanAfter(room: string, after: number, visit: (e: WarEvent, ref: StoredRef) => void): Promise<void> {
    const events = this.rooms.get(room) ?? [];
    for (let i = after; i < events.length; i++) visit(events[i]!, { at: i + 1, bytes: utf8Length(JSON.stringify(events[i])) });
  }

  private write<T>(room: string, work: (tx: RoomWriter) => Promise<T>): Promise<T> {
    const before = this.backing.locks.get(room) ?? Promise.resolve();
    const run = before.then(async () => {
      const held = this.rooms.get(room) ?? [];
      const staged: WarEvent[] = [];
      const tx: RoomWriter = {
        scanAfter: (after, visit) => this.scanAfter(room, after, visit),
        append: async (events) => {
          await Promise.resolve();
          const from = held.length + staged.length;
          for (const e of events) {
            if ([...held, ...staged].some((s) => s.id === e.id || (s.origin === e.origin && s.seq === e.seq)))
              throw new Error(`refused: ${room} already holds ${e.id} or ${e.origin} seq ${e.seq}`);
            staged.push(e);
          }
          return events.map((e, i) => ({ at: from + i + 1, bytes: utf8Length(JSON.stringify(e)) }));
        },
      };
      const result = await work(tx);
      // The commit: where a full disk (or a lost database) would fail.
      this.failIfAsked();
      if (staged.length > 0) this.heldIn(room).push(...staged);
      return result;
    });
    this.backing.locks.set(
      room,
      run.catch(() => undefined),
    );
    return run;
  }

  private heldIn(room: string): WarEvent[] {
    let held = this.rooms.get(room);
    if (!held) this.rooms.set(room, (held = []));
    return held;
  }

  private failIfAsked(): void {
    if (!this.failNext) return;
    const e = this.failNext;
    this.failNext = null;
    throw e;
  }
}
