import type { Redis } from 'ioredis';
import type { Member } from '../../../src/sync/protocol.js';
import type { PresenceFlush } from '../hub-presence.js';
import type { HubLog } from '../hub-log.js';

/** How long a hub's word on who is connected to it holds without being renewed (a killed hub's members go then). */
const HUB_ALIVE_MS = 10_000;
const SWEEP_MS = 3_000;
const CHANNEL = 'warroom:presence';

export interface ClusterPresenceSinks {
  /** This hub's own members of a room (HubPresence.list). */
  local(room: string): Member[];
  /** Whether any socket on this hub is in the room. */
  hasLocalPeers(room: string): boolean;
  /** Rooms with a socket on this hub. */
  localRooms(): Iterable<string>;
  /** What changed, to this hub's sockets in the room except `joiners`. */
  delta(room: string, except: string[], changed: Member[], left: string[]): void;
  /** The whole list, to sockets that just joined (on this hub). */
  whole(room: string, joiners: string[], members: Member[]): void;
  log: HubLog;
}

/**
 * Who is in a room across every hub. Each hub keeps its own members (HubPresence, coalesced as before) and, on each
 * flush, writes them to Redis (a hash per room, a field per hub) and tells the other hubs, which read the hash
 * again. Every hub then tells its own sockets what changed in the whole room, so a teammate on hub B is listed
 * for one on hub A. A hub's field counts only while its liveness key lives: a killed hub's members leave within
 * HUB_ALIVE_MS. Without Redis (it went away), each hub shows its own members until it is back.
 */
export class ClusterPresence {
  /** What this hub last showed its sockets, per room: actor id -> member. */
  private readonly shown = new Map<string, Map<string, Member>>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private redisDown = false;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly hubId: string,
    private readonly sinks: ClusterPresenceSinks,
  ) {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  /** `redis` is only copied: presence asks on connections of its own that fail at once while Redis is away. */
  static async start(redis: Redis, hubId: string, sinks: ClusterPresenceSinks): Promise<ClusterPresence> {
    const commands = redis.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const subscriber = redis.duplicate();
    for (const c of [commands, subscriber]) c.on('error', () => undefined);
    await Promise.all([commands.connect(), subscriber.connect()]);
    const presence = new ClusterPresence(commands, subscriber, hubId, sinks);
    subscriber.on('message', (_channel: string, message: string) => {
      const [from, room] = message.split(' ');
      if (from !== hubId && room && sinks.hasLocalPeers(room)) presence.recompute(room, []);
    });
    await subscriber.subscribe(CHANNEL);
    await presence.alive();
    return presence;
  }

  /** HubPresence's flush of a room on this hub: share it, then show the whole room's change here. */
  flushed(flush: PresenceFlush): void {
    const { room, joiners } = flush;
    const members = this.sinks.local(room);
    const key = `warroom:presence:${room}`;
    const write = members.length
      ? this.redis.multi().hset(key, this.hubId, JSON.stringify(members)).pexpire(key, 60_000).exec()
      : this.redis.hdel(key, this.hubId);
    // While Redis is away this hub shows its own members at once rather than wait for it.
    const shownNow = this.redisDown;
    if (shownNow) this.recompute(room, joiners);
    void write
      .then(() => this.redis.publish(CHANNEL, `${this.hubId} ${room}`))
      .then(() => this.redisBack())
      .catch((e: unknown) => this.redisLost(e))
      .finally(() => shownNow || this.recompute(room, joiners));
  }

  close(): void {
    clearInterval(this.timer);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  /** Runs after the work queued for the room before it: a room's lists go out in the order they were read. */
  private recompute(room: string, joiners: string[]): void {
    const before = this.queues.get(room) ?? Promise.resolve();
    const next = before.then(() => this.show(room, joiners)).catch((e: unknown) => this.redisLost(e));
    this.queues.set(room, next);
    void next.then(() => this.queues.get(room) === next && this.queues.delete(room));
  }

  private async show(room: string, joiners: string[]): Promise<void> {
    if (!this.sinks.hasLocalPeers(room) && joiners.length === 0) {
      this.shown.delete(room);
      return;
    }
    const members = await this.wholeRoom(room);
    const was = this.shown.get(room) ?? new Map<string, Member>();
    const changed = [...members.values()].filter((m) => JSON.stringify(was.get(m.id)) !== JSON.stringify(m));
    const left = [...was.keys()].filter((id) => !members.has(id));
    this.shown.set(room, members);
    if (changed.length || left.length) this.sinks.delta(room, joiners, changed.sort(byArrival), left);
    if (joiners.length) this.sinks.whole(room, joiners, [...members.values()].sort(byArrival));
  }

  /** Every live hub's members of the room, one entry per person (connections added up, the earliest arrival). */
  private async wholeRoom(room: string): Promise<Map<string, Member>> {
    const lists: Member[][] = [this.sinks.local(room)];
    if (!this.redisDown) {
      try {
        const fields = await this.redis.hgetall(`warroom:presence:${room}`);
        const hubs = Object.keys(fields).filter((h) => h !== this.hubId);
        const alive = hubs.length ? await this.redis.mget(hubs.map((h) => `warroom:hub:${h}`)) : [];
        hubs.forEach((h, i) => alive[i] !== null && lists.push(parseMembers(fields[h]!)));
      } catch (e) {
        this.redisLost(e);
      }
    }
    const merged = new Map<string, Member>();
    for (const m of lists.flat()) {
      const known = merged.get(m.id);
      if (!known) merged.set(m.id, { ...m });
      else merged.set(m.id, { ...(m.since < known.since ? m : known), connections: known.connections + m.connections });
    }
    return merged;
  }

  /** Renews this hub's liveness and its fields, and shows each room again (a killed hub's members leave). */
  private async sweep(): Promise<void> {
    try {
      await this.alive();
      for (const room of this.sinks.localRooms()) {
        const members = this.sinks.local(room);
        if (members.length) await this.redis.hset(`warroom:presence:${room}`, this.hubId, JSON.stringify(members));
      }
      this.redisBack();
    } catch (e) {
      this.redisLost(e);
    }
    for (const room of this.sinks.localRooms()) this.recompute(room, []);
  }

  private async alive(): Promise<void> {
    await this.redis.set(`warroom:hub:${this.hubId}`, '1', 'PX', HUB_ALIVE_MS);
  }

  private redisLost(e: unknown): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.sinks.log(
      'warn',
      `presence: Redis is unreachable (${e instanceof Error ? e.message : String(e)}); showing this hub's own members until it is back`,
    );
  }

  private redisBack(): void {
    if (!this.redisDown) return;
    this.redisDown = false;
    this.sinks.log('info', 'presence: Redis is back; showing every hub’s members again');
  }
}

function parseMembers(text: string): Member[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as Member[]) : [];
  } catch {
    return [];
  }
}

const byArrival = (a: Member, b: Member): number => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
