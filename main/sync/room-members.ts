import { presenceDeltaMessageSchema, presenceMessageSchema, type Member } from '../../src/sync/protocol.js';
import type { SyncPeer } from './sync-status.js';

/** Who is in the room, by actor id: the hub sends the whole list once on join, then what changed. */
export class RoomMembers {
  private members = new Map<string, Member>();

  /** The whole list; false when the message is not one. */
  takeWhole(message: unknown): boolean {
    const m = presenceMessageSchema.safeParse(message);
    if (!m.success) return false;
    this.members = new Map(m.data.members.map((p) => [p.id, p]));
    return true;
  }

  /** What changed; false when the message is not one. */
  takeDelta(message: unknown): boolean {
    const m = presenceDeltaMessageSchema.safeParse(message);
    if (!m.success) return false;
    for (const id of m.data.left) this.members.delete(id);
    for (const p of m.data.changed) this.members.set(p.id, p);
    return true;
  }

  clear(): void {
    this.members.clear();
  }

  /** Everyone but `self`, longest in the room first. */
  peers(self: string): SyncPeer[] {
    return [...this.members.values()]
      .filter((p) => p.id !== self)
      .sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, name, role, since }) => ({ id, name, role, since }));
  }
}
