import type { Actor } from '../../src/model/envelope.js';
import type { HubRole, Member, PresenceDeltaMessage } from '../../src/sync/protocol.js';

/** What one flush of a room sends: a delta to those already there, the whole list to those who just joined. */
export interface PresenceFlush {
  room: string;
  /** null when nothing changed that those already in the room have not been told. */
  delta: PresenceDeltaMessage | null;
  /** Sockets that joined since the last flush: each gets `members`, not the delta. */
  joiners: string[];
  members: Member[];
}

interface Pending {
  /** Actor ids whose entry changed (joined, left, another connection) since the last flush. */
  changed: Set<string>;
  joiners: Set<string>;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Who is in each room, per person: two connections of one person (app and CLI) make one member. Changes are
 * coalesced per room and sent at most every `intervalMs`: those in the room get only what changed, the
 * newcomers the whole list. Sending the whole list to everyone on every join costs O(V^2) per join, which
 * is what let 1,000 viewers collapse a room.
 */
export class HubPresence {
  private readonly rooms = new Map<string, Map<string, Member>>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly send: (flush: PresenceFlush) => void,
    private readonly intervalMs = 250,
  ) {}

  join(room: string, socketId: string, actor: Actor, role: HubRole, now: number): void {
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Map()));
    const known = members.get(actor.id);
    if (known) members.set(actor.id, { ...known, name: actor.name, role, connections: known.connections + 1 });
    else members.set(actor.id, { id: actor.id, name: actor.name, role, since: now, connections: 1 });
    const p = this.pendingOf(room);
    p.changed.add(actor.id);
    p.joiners.add(socketId);
  }

  leave(room: string, socketId: string, actorId: string): void {
    const members = this.rooms.get(room);
    const known = members?.get(actorId);
    if (members && known) {
      if (known.connections > 1) members.set(actorId, { ...known, connections: known.connections - 1 });
      else members.delete(actorId);
      if (members.size === 0) this.rooms.delete(room);
    }
    const p = this.pendingOf(room);
    p.changed.add(actorId);
    p.joiners.delete(socketId);
  }

  list(room: string): Member[] {
    return [...(this.rooms.get(room)?.values() ?? [])].sort(byArrival);
  }

  /** Sends every room's pending changes now (tests, and a hub closing). */
  flushAll(): void {
    for (const room of [...this.pending.keys()]) this.flush(room);
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private pendingOf(room: string): Pending {
    let p = this.pending.get(room);
    if (!p) {
      const timer = setTimeout(() => this.flush(room), this.intervalMs);
      timer.unref?.();
      this.pending.set(room, (p = { changed: new Set(), joiners: new Set(), timer }));
    }
    return p;
  }

  private flush(room: string): void {
    const p = this.pending.get(room);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(room);
    const members = this.rooms.get(room);
    const changed: Member[] = [];
    const left: string[] = [];
    for (const id of p.changed) {
      const m = members?.get(id);
      if (m) changed.push(m);
      else left.push(id);
    }
    const joiners = [...p.joiners];
    this.send({
      room,
      delta: changed.length || left.length ? { changed: changed.sort(byArrival), left } : null,
      joiners,
      members: joiners.length ? this.list(room) : [],
    });
  }
}

const byArrival = (a: Member, b: Member): number => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
