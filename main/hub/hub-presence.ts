import type { Actor } from '../../src/model/envelope.js';
import type { HubRole, Member } from '../../src/sync/protocol.js';

/** Who is in each room, per person: two connections of one person (app and CLI) make one member. */
export class HubPresence {
  private readonly rooms = new Map<string, Map<string, Member>>();

  join(room: string, actor: Actor, role: HubRole, now: number): Member[] {
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Map()));
    const known = members.get(actor.id);
    if (known) members.set(actor.id, { ...known, name: actor.name, role, connections: known.connections + 1 });
    else members.set(actor.id, { id: actor.id, name: actor.name, role, since: now, connections: 1 });
    return this.list(room);
  }

  leave(room: string, actorId: string): Member[] {
    const members = this.rooms.get(room);
    const known = members?.get(actorId);
    if (members && known) {
      if (known.connections > 1) members.set(actorId, { ...known, connections: known.connections - 1 });
      else members.delete(actorId);
      if (members.size === 0) this.rooms.delete(room);
    }
    return this.list(room);
  }

  list(room: string): Member[] {
    return [...(this.rooms.get(room)?.values() ?? [])].sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : 1));
  }
}
