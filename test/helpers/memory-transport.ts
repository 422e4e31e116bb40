import type { Actor } from '../../src/model/envelope.js';
import { CLIENT_EVENTS, HUB_EVENTS, pullRequestSchema, pushRequestSchema, vectorToMap } from '../../src/sync/protocol.js';
import { HubRoom } from '../../main/hub/hub-room.js';
import type { ClientRequest, HubTransport, TransportListener } from '../../main/sync/hub-transport.js';
import { MemoryHubStorage } from './hub-memory-storage.js';

/**
 * A hub without sockets: one HubRoom on in-memory storage, answering pulls and pushes and relaying what it
 * stores to the other transports. For driving a sync session with no network (and, with `repeat`, with every
 * relayed message delivered twice, as a reconnecting transport may).
 */
export class MemoryHub {
  private room: Promise<HubRoom>;
  private readonly transports = new Set<MemoryTransport>();
  /** While set, stored events are not relayed (their positions still are): a fan-out that lost its messages. */
  dropRelayedEvents = false;

  constructor(
    readonly incident: string,
    readonly storage = new MemoryHubStorage(),
  ) {
    this.room = HubRoom.load(incident, storage, Date.now).then((room) => {
      // Positions go to everyone, the writer too, after the events (as the Socket.IO hub's relay sends them).
      room.onOrdered((range) => {
        const head = room.head()!;
        setImmediate(() => {
          for (const t of this.transports) t.deliver(HUB_EVENTS.order, { range, head });
        });
      });
      return room;
    });
  }

  transport(actor: Actor, key?: string, options: { repeat?: boolean } = {}): MemoryTransport {
    return new MemoryTransport(this, actor, key, options.repeat === true);
  }

  attach(t: MemoryTransport): void {
    this.transports.add(t);
  }

  detach(t: MemoryTransport): void {
    this.transports.delete(t);
  }

  async answer(from: MemoryTransport, name: ClientRequest, payload: unknown): Promise<unknown> {
    const room = await this.room;
    if (name === CLIENT_EVENTS.pull) {
      const req = pullRequestSchema.parse(payload);
      const page = await room.pull(vectorToMap(req.vector), req.after ?? 0, req.limit ?? 500);
      return {
        ok: true,
        lines: page.lines,
        count: page.count,
        order: page.order,
        next: page.next,
        vector: room.vector(),
        head: room.head(),
      };
    }
    const req = pushRequestSchema.parse(payload);
    const outcome = await room.push(req.events, from.actor, from.key);
    for (const t of this.transports)
      if (t !== from && outcome.stored.length && !this.dropRelayedEvents) t.deliver(HUB_EVENTS.events, { events: outcome.stored });
    return {
      ok: true,
      stored: outcome.stored.map((e) => e.id),
      duplicates: outcome.duplicates,
      refused: outcome.refused,
      vector: room.vector(),
    };
  }
}

export class MemoryTransport implements HubTransport {
  private listener: TransportListener | null = null;
  private up = false;
  /** The network: while down, nothing connects. */
  private network = true;

  constructor(
    private readonly hub: MemoryHub,
    readonly actor: Actor,
    readonly key: string | undefined,
    private readonly repeat: boolean,
  ) {}

  get connected(): boolean {
    return this.up;
  }

  start(listener: TransportListener): void {
    this.listener = listener;
    this.connect();
  }

  stop(): void {
    this.goOffline();
    this.listener = null;
  }

  reconnect(): void {
    this.drop();
    this.connect();
  }

  /** The network drops: nothing gets through until goOnline. */
  goOffline(): void {
    this.network = false;
    this.drop();
  }

  goOnline(): void {
    this.network = true;
    this.connect();
  }

  private drop(): void {
    if (!this.up) return;
    this.up = false;
    this.hub.detach(this);
    this.listener?.disconnected();
  }

  private connect(): void {
    if (this.up || !this.listener || !this.network) return;
    this.up = true;
    this.hub.attach(this);
    queueMicrotask(() => this.listener?.connected());
  }

  async request(name: ClientRequest, payload: object): Promise<unknown> {
    if (!this.up) throw new Error('not connected to the hub');
    return this.hub.answer(this, name, payload);
  }

  deliver(name: (typeof HUB_EVENTS)[keyof typeof HUB_EVENTS], payload: unknown): void {
    if (!this.up) return;
    const copy = JSON.parse(JSON.stringify(payload)) as unknown;
    setImmediate(() => this.listener?.message(name, copy));
    if (this.repeat) setImmediate(() => this.listener?.message(name, copy));
  }
}
